<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ClockWords</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message numerus="yes">
        <source>Nothing to undo: only this station&apos;s own last scan of the last %n minute(s) can be undone.</source>
        <translation>
            <numerusform>Nothing to undo: only this station&apos;s own last scan of the last minute can be undone.</numerusform>
            <numerusform>Nothing to undo: only this station&apos;s own last scan of the last %n minutes can be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) wait in the queue.</source>
        <translation>
            <numerusform>%n badge waits in the queue.</numerusform>
            <numerusform>%n badges wait in the queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>All of us (%n ticket(s))</source>
        <translation>
            <numerusform>All of us (%n ticket)</numerusform>
            <numerusform>All of us (%n tickets)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Yes, print %n badge(s)</source>
        <translation>
            <numerusform>Yes, print %n badge</numerusform>
            <numerusform>Yes, print %n badges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take your badge(s)</source>
        <translation>
            <numerusform>Take your badge</numerusform>
            <numerusform>Take your badges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printing your badge(s)…</source>
        <translation>
            <numerusform>Printing your badge…</numerusform>
            <numerusform>Printing your badges…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message numerus="yes">
        <source>%n log entry(ies)</source>
        <translation>
            <numerusform>%n log entry</numerusform>
            <numerusform>%n log entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) waiting</source>
        <translation>
            <numerusform>%n badge waiting</numerusform>
            <numerusform>%n badges waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed badge(s).</source>
        <translation>
            <numerusform>Retrying %n failed badge.</numerusform>
            <numerusform>Retrying %n failed badges.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n second.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verification key(s)</source>
        <translation>
            <numerusform>%n verification key</numerusform>
            <numerusform>%n verification keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
</context>
</TS>
