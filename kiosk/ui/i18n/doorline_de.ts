<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The new station cannot be opened: {0}</source>
        <translation>Die neue Station lässt sich nicht öffnen: {0}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting camera…</source>
        <translation>Kamera startet …</translation>
    </message>
</context>
<context>
    <name>CameraWords</name>
    <message>
        <source>camera {0}</source>
        <translation>Kamera {0}</translation>
    </message>
    <message>
        <source>No camera found ({0}). Check that the webcam is plugged in, or choose another camera in Settings.</source>
        <translation>Keine Kamera gefunden ({0}). Prüfen Sie, ob die Webcam angeschlossen ist, oder wählen Sie in den Einstellungen eine andere Kamera.</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures. Check its cable, or restart it.</source>
        <translation>Die Kamera liefert keine Bilder mehr. Prüfen Sie das Kabel oder starten Sie sie neu.</translation>
    </message>
    <message>
        <source>The picture source cannot be opened: {0}</source>
        <translation>Die Bildquelle lässt sich nicht öffnen: {0}</translation>
    </message>
    <message>
        <source>The code reader cannot start: {0} Choose another one in Settings.</source>
        <translation>Der Code-Leser startet nicht: {0} Wählen Sie in den Einstellungen einen anderen.</translation>
    </message>
    <message>
        <source>The code reader cannot read every code format in use: {0}</source>
        <translation>Der Code-Leser kann nicht alle verwendeten Codeformate lesen: {0}</translation>
    </message>
</context>
<context>
    <name>ClockWords</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} Std.</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} Min.</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} ahead of the server&apos;s clock</source>
        <translation>{0} vor der Uhr des Servers</translation>
    </message>
    <message>
        <source>{0} behind the server&apos;s clock</source>
        <translation>{0} hinter der Uhr des Servers</translation>
    </message>
    <message>
        <source>This laptop&apos;s clock is {0}. Scans are stamped with the server&apos;s time; set the laptop&apos;s date and time.</source>
        <translation>Die Uhr dieses Laptops geht {0}. Scans erhalten die Zeit des Servers; stellen Sie Datum und Uhrzeit des Laptops ein.</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>Doorline — door station</source>
        <translation>Doorline — Einlassstation</translation>
    </message>
    <message>
        <source>Ready. Point a ticket at the camera.</source>
        <translation>Bereit. Halten Sie ein Ticket vor die Kamera.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Einlass</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>↶ Undo</source>
        <translation>↶ Rückgängig</translation>
    </message>
    <message>
        <source>⚙ Operator</source>
        <translation>⚙ Betreiber</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: only this station&apos;s own last scan of the last %n minute(s) can be undone.</source>
        <translation>
            <numerusform>Nichts rückgängig zu machen: Nur der letzte eigene Scan dieser Station der letzten %n Minute kann rückgängig gemacht werden.</numerusform>
            <numerusform>Nichts rückgängig zu machen: Nur der letzte eigene Scan dieser Station der letzten %n Minuten kann rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo the exit of {0} {1}?</source>
        <translation>Ausgang von {0} {1} rückgängig machen?</translation>
    </message>
    <message>
        <source>Undo the check-in of {0} {1}?</source>
        <translation>Check-in von {0} {1} rückgängig machen?</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo it</source>
        <translation>Rückgängig machen</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Beibehalten</translation>
    </message>
    <message>
        <source>Undone: {0}, {1}.</source>
        <translation>Rückgängig gemacht: {0}, {1}.</translation>
    </message>
    <message>
        <source>Scan not recorded: {0}</source>
        <translation>Scan nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Printer: badge not queued ({0}). Scanning continues.</source>
        <translation>Drucker: Namensschild nicht eingereiht ({0}). Das Scannen geht weiter.</translation>
    </message>
    <message>
        <source>No camera picture: {0}</source>
        <translation>Kein Kamerabild: {0}</translation>
    </message>
    <message>
        <source>No camera picture. Looking for the camera again…</source>
        <translation>Kein Kamerabild. Die Kamera wird erneut gesucht …</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>Kein Kamerabild</translation>
    </message>
    <message>
        <source>Counters not updated: {0}</source>
        <translation>Zähler nicht aktualisiert: {0}</translation>
    </message>
    <message>
        <source>Sync and printer status unknown: {0}</source>
        <translation>Synchronisations- und Druckerstatus unbekannt: {0}</translation>
    </message>
    <message>
        <source>Printer: {0} Scanning continues.</source>
        <translation>Drucker: {0} Das Scannen geht weiter.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) wait in the queue.</source>
        <translation>
            <numerusform>%n Namensschild wartet in der Warteschlange.</numerusform>
            <numerusform>%n Namensschilder warten in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer: a badge was sent but not confirmed ({0}). Operator → Printers to confirm or reprint.</source>
        <translation>Drucker: Ein Namensschild wurde gesendet, aber nicht bestätigt ({0}). Betreiber → Drucker, um es zu bestätigen oder nachzudrucken.</translation>
    </message>
    <message>
        <source>Printer: badge not printed ({0}). Operator → Printers to retry.</source>
        <translation>Drucker: Namensschild nicht gedruckt ({0}). Betreiber → Drucker, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <source>({0} in all)</source>
        <translation>({0} insgesamt)</translation>
    </message>
    <message>
        <source>Printer: badge failed ({0}); retrying.</source>
        <translation>Drucker: Namensschild fehlgeschlagen ({0}); neuer Versuch läuft.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Please see the desk</source>
        <translation>Bitte wenden Sie sich an den Empfang</translation>
    </message>
    <message>
        <source>This ticket has already been used to check in.</source>
        <translation>Mit diesem Ticket wurde bereits eingecheckt.</translation>
    </message>
    <message>
        <source>A member of staff needs to help you with this ticket.</source>
        <translation>Eine Mitarbeiterin oder ein Mitarbeiter hilft Ihnen mit diesem Ticket.</translation>
    </message>
    <message>
        <source>This ticket is checked in at another entrance.</source>
        <translation>Dieses Ticket wird an einem anderen Eingang eingecheckt.</translation>
    </message>
    <message>
        <source>This ticket has been cancelled.</source>
        <translation>Dieses Ticket wurde storniert.</translation>
    </message>
    <message>
        <source>This ticket is no longer valid.</source>
        <translation>Dieses Ticket ist nicht mehr gültig.</translation>
    </message>
    <message>
        <source>This ticket is not valid yet.</source>
        <translation>Dieses Ticket ist noch nicht gültig.</translation>
    </message>
    <message>
        <source>We could not read this ticket.</source>
        <translation>Wir konnten dieses Ticket nicht lesen.</translation>
    </message>
    <message>
        <source>This ticket is not paid yet. The box office can help you.</source>
        <translation>Dieses Ticket ist noch nicht bezahlt. Die Tageskasse hilft Ihnen weiter.</translation>
    </message>
    <message>
        <source>This kiosk cannot save check-ins right now, so you are not checked in yet.</source>
        <translation>Dieser Kiosk kann gerade keine Check-ins speichern, daher sind Sie noch nicht eingecheckt.</translation>
    </message>
    <message>
        <source>Something went wrong at this kiosk.</source>
        <translation>An diesem Kiosk ist etwas schiefgelaufen.</translation>
    </message>
    <message>
        <source>Doorline — self check-in</source>
        <translation>Doorline — Selbst-Check-in</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Find my ticket</source>
        <translation>Mein Ticket finden</translation>
    </message>
    <message>
        <source>Scan your ticket or tap to find it</source>
        <translation>Scannen Sie Ihr Ticket oder tippen Sie, um es zu finden</translation>
    </message>
    <message>
        <source>Tap the button to find your ticket</source>
        <translation>Tippen Sie auf die Taste, um Ihr Ticket zu finden</translation>
    </message>
    <message>
        <source>e.g. K7M2P9XA</source>
        <translation>z. B. K7M2P9XA</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Find by code</source>
        <translation>Mit Code finden</translation>
    </message>
    <message>
        <source>Find by name</source>
        <translation>Mit Namen finden</translation>
    </message>
    <message>
        <source>Your confirmation code</source>
        <translation>Ihr Bestätigungscode</translation>
    </message>
    <message>
        <source>Or your surname and e-mail</source>
        <translation>Oder Nachname und E-Mail</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Find your ticket</source>
        <translation>Ticket finden</translation>
    </message>
    <message>
        <source>Several tickets are booked under this name. Which are yours?</source>
        <translation>Unter diesem Namen sind mehrere Tickets gebucht. Welche gehören Ihnen?</translation>
    </message>
    <message>
        <source>None of these</source>
        <translation>Keines davon</translation>
    </message>
    <message>
        <source>Is this you?</source>
        <translation>Sind Sie das?</translation>
    </message>
    <message>
        <source>Yes, print my badge</source>
        <translation>Ja, Namensschild drucken</translation>
    </message>
    <message>
        <source>No, that&apos;s not me</source>
        <translation>Nein, das bin ich nicht</translation>
    </message>
    <message>
        <source>Printing your badge…</source>
        <translation>Ihr Namensschild wird gedruckt …</translation>
    </message>
    <message>
        <source>Take your badge</source>
        <translation>Nehmen Sie Ihr Namensschild</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>We could not find a ticket with those details. Check them, or see the desk.</source>
        <translation>Wir haben kein Ticket mit diesen Angaben gefunden. Bitte prüfen Sie sie oder wenden Sie sich an den Empfang.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0} at {1}.</source>
        <translation>Mit diesem Ticket wurde bereits {0} am Eingang {1} eingecheckt.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0}.</source>
        <translation>Mit diesem Ticket wurde bereits {0} eingecheckt.</translation>
    </message>
    <message>
        <source>{0} — already checked in</source>
        <translation>{0} — bereits eingecheckt</translation>
    </message>
    <message numerus="yes">
        <source>All of us (%n ticket(s))</source>
        <translation>
            <numerusform>Wir alle (%n Ticket)</numerusform>
            <numerusform>Wir alle (%n Tickets)</numerusform>
        </translation>
    </message>
    <message>
        <source>Badges for:</source>
        <translation>Namensschilder für:</translation>
    </message>
    <message numerus="yes">
        <source>Yes, print %n badge(s)</source>
        <translation>
            <numerusform>Ja, %n Namensschild drucken</numerusform>
            <numerusform>Ja, %n Namensschilder drucken</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome, {0}!</source>
        <translation>Willkommen, {0}!</translation>
    </message>
    <message numerus="yes">
        <source>Take your badge(s)</source>
        <translation>
            <numerusform>Nehmen Sie Ihr Namensschild</numerusform>
            <numerusform>Nehmen Sie Ihre Namensschilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printing your badge(s)…</source>
        <translation>
            <numerusform>Ihr Namensschild wird gedruckt …</numerusform>
            <numerusform>Ihre Namensschilder werden gedruckt …</numerusform>
        </translation>
    </message>
    <message>
        <source>You are checked in. Your badge was printed earlier; the desk can print another one.</source>
        <translation>Sie sind eingecheckt. Ihr Namensschild wurde schon gedruckt; der Empfang kann ein weiteres drucken.</translation>
    </message>
    <message>
        <source>You are checked in, but your badge could not be printed.</source>
        <translation>Sie sind eingecheckt, aber Ihr Namensschild konnte nicht gedruckt werden.</translation>
    </message>
    <message>
        <source>You are checked in. The printer did not confirm your badge.</source>
        <translation>Sie sind eingecheckt. Der Drucker hat Ihr Namensschild nicht bestätigt.</translation>
    </message>
    <message>
        <source>You are checked in. Your badge is still waiting for the printer.</source>
        <translation>Sie sind eingecheckt. Ihr Namensschild wartet noch auf den Drucker.</translation>
    </message>
    <message>
        <source>Your badge is next in line…</source>
        <translation>Ihr Namensschild ist als Nächstes dran …</translation>
    </message>
    <message>
        <source>Staff only: enter the operator PIN.</source>
        <translation>Nur für Personal: Bitte Betreiber-PIN eingeben.</translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message>
        <source>single entry</source>
        <translation>einmaliger Einlass</translation>
    </message>
    <message>
        <source>re-entry after an exit</source>
        <translation>Wiedereinlass nach Ausgang</translation>
    </message>
    <message>
        <source>any number of entries</source>
        <translation>beliebig viele Einlässe</translation>
    </message>
    <message>
        <source>once per day</source>
        <translation>einmal pro Tag</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>printing…</source>
        <translation>wird gedruckt …</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ gedruckt</translation>
    </message>
    <message>
        <source>✖ failed, retrying</source>
        <translation>✖ fehlgeschlagen, neuer Versuch</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ fehlgeschlagen</translation>
    </message>
    <message>
        <source>? sent, unconfirmed: check the printer</source>
        <translation>? gesendet, unbestätigt: Drucker prüfen</translation>
    </message>
    <message>
        <source>{0} (reprint)</source>
        <translation>{0} (Nachdruck)</translation>
    </message>
    <message>
        <source>every ticket type</source>
        <translation>alle Ticketarten</translation>
    </message>
    <message>
        <source>no ticket types</source>
        <translation>keine Ticketarten</translation>
    </message>
    <message>
        <source>new tickets not yet synced: admitted (verified offline)</source>
        <translation>neue, noch nicht synchronisierte Tickets: eingelassen (offline geprüft)</translation>
    </message>
    <message>
        <source>new tickets not yet synced: refused</source>
        <translation>neue, noch nicht synchronisierte Tickets: abgewiesen</translation>
    </message>
    <message>
        <source>Doorline — operator</source>
        <translation>Doorline — Betreiber</translation>
    </message>
    <message>
        <source>Ready for doors</source>
        <translation>Bereit für den Einlass</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Printers &amp;&amp; queue</source>
        <translation>Drucker &amp;&amp; Warteschlange</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Back to the door</source>
        <translation>Zurück zum Einlass</translation>
    </message>
    <message>
        <source>Quit Doorline</source>
        <translation>Doorline beenden</translation>
    </message>
    <message>
        <source>That did not work: {0}</source>
        <translation>Das hat nicht geklappt: {0}</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>Run all checks (includes a test scan and a test print)</source>
        <translation>Alle Prüfungen ausführen (mit Testscan und Testdruck)</translation>
    </message>
    <message>
        <source>✔ OK</source>
        <translation>✔ In Ordnung</translation>
    </message>
    <message>
        <source>✖ FIX</source>
        <translation>✖ BEHEBEN</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>The station syncs by itself every few seconds while the server answers; offline, it keeps scanning and uploads everything later. Sync now pushes this station&apos;s entries and pulls tickets, revocations and other doors&apos; scans.</source>
        <translation>Die Station synchronisiert sich alle paar Sekunden selbst, solange der Server antwortet; offline scannt sie weiter und lädt alles später hoch. „Jetzt synchronisieren“ sendet die Einträge dieser Station und holt Tickets, Sperren und die Scans anderer Eingänge.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisation</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>Wartet auf Upload</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>● Offline station (provisioned from a bundle)</source>
        <translation>● Offline-Station (aus einem Paket eingerichtet)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Synchronisiert …</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ Offline — Scannen funktioniert weiter</translation>
    </message>
    <message numerus="yes">
        <source>%n log entry(ies)</source>
        <translation>
            <numerusform>%n Logeintrag</numerusform>
            <numerusform>%n Logeinträge</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Not on the server</source>
        <translation>Nicht auf dem Server</translation>
    </message>
    <message>
        <source>Entry #{0} ({1}): {2}</source>
        <translation>Eintrag #{0} ({1}): {2}</translation>
    </message>
    <message>
        <source>Check printer now</source>
        <translation>Drucker jetzt prüfen</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>Eingereiht um</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Auswahl erneut versuchen</translation>
    </message>
    <message>
        <source>Retry all failed</source>
        <translation>Alle fehlgeschlagenen erneut</translation>
    </message>
    <message>
        <source>It printed</source>
        <translation>Gedruckt</translation>
    </message>
    <message>
        <source>For a badge sent but not confirmed by the printer: you saw it come out.</source>
        <translation>Für ein gesendetes, vom Drucker nicht bestätigtes Namensschild: Sie haben es herauskommen sehen.</translation>
    </message>
    <message>
        <source>Reprint selected badge</source>
        <translation>Ausgewähltes Namensschild nachdrucken</translation>
    </message>
    <message>
        <source>or a ticket number</source>
        <translation>oder eine Ticketnummer</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Nachdrucken</translation>
    </message>
    <message>
        <source>Each badge prints once. A reprint is an operator&apos;s choice and is logged on the station as a reprint.</source>
        <translation>Jedes Namensschild wird einmal gedruckt. Ein Nachdruck ist eine Entscheidung des Betreibers und wird auf der Station als Nachdruck protokolliert.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) waiting</source>
        <translation>
            <numerusform>%n Namensschild wartet</numerusform>
            <numerusform>%n Namensschilder warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>Drucker wird abgefragt …</translation>
    </message>
    <message>
        <source>Select a failed badge first.</source>
        <translation>Wählen Sie zuerst ein fehlgeschlagenes Namensschild.</translation>
    </message>
    <message>
        <source>Retrying the badge.</source>
        <translation>Namensschild wird erneut versucht.</translation>
    </message>
    <message>
        <source>Select a badge marked &apos;sent, unconfirmed&apos; first.</source>
        <translation>Wählen Sie zuerst ein Namensschild mit „gesendet, unbestätigt“.</translation>
    </message>
    <message>
        <source>Badge confirmed as printed (logged).</source>
        <translation>Namensschild als gedruckt bestätigt (protokolliert).</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed badge(s).</source>
        <translation>
            <numerusform>%n fehlgeschlagenes Namensschild wird erneut versucht.</numerusform>
            <numerusform>%n fehlgeschlagene Namensschilder werden erneut versucht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the badge to reprint first.</source>
        <translation>Wählen Sie zuerst das nachzudruckende Namensschild.</translation>
    </message>
    <message>
        <source>Type the ticket number to reprint.</source>
        <translation>Geben Sie die nachzudruckende Ticketnummer ein.</translation>
    </message>
    <message>
        <source>Reprint of ticket {0} queued (logged as a reprint).</source>
        <translation>Nachdruck von Ticket {0} eingereiht (als Nachdruck protokolliert).</translation>
    </message>
    <message>
        <source>First admitted</source>
        <translation>Zuerst eingelassen</translation>
    </message>
    <message>
        <source>Admitted again</source>
        <translation>Erneut eingelassen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note, e.g. checked ID: same person</source>
        <translation>Notiz, z. B. Ausweis geprüft: dieselbe Person</translation>
    </message>
    <message>
        <source>Acknowledge selected</source>
        <translation>Auswahl bestätigen</translation>
    </message>
    <message>
        <source>The same single-entry ticket admitted twice with no exit between. Acknowledging is logged on this station and reaches the server with the next sync.</source>
        <translation>Dasselbe Einzeleintritts-Ticket wurde zweimal ohne Ausgang dazwischen eingelassen. Die Bestätigung wird auf dieser Station protokolliert und erreicht den Server mit der nächsten Synchronisation.</translation>
    </message>
    <message>
        <source>Select a conflict first.</source>
        <translation>Wählen Sie zuerst einen Konflikt.</translation>
    </message>
    <message>
        <source>acknowledged by an operator</source>
        <translation>von einem Betreiber bestätigt</translation>
    </message>
    <message>
        <source>Conflict acknowledged; the note goes to the server with the next sync.</source>
        <translation>Konflikt bestätigt; die Notiz geht mit der nächsten Synchronisation an den Server.</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>✔ acknowledged</source>
        <translation>✔ bestätigt</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Conflicts ({0})</source>
        <translation>Konflikte ({0})</translation>
    </message>
    <message>
        <source>none: provisioned from a bundle file (offline)</source>
        <translation>keiner: aus einer Paketdatei eingerichtet (offline)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>Eingerichtet</translation>
    </message>
    <message>
        <source>Guest list</source>
        <translation>Gästeliste</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n Ticket</numerusform>
            <numerusform>%n Tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Station id (for the command line)</source>
        <translation>Stations-ID (für die Kommandozeile)</translation>
    </message>
    <message>
        <source>This station is provisioned. To set this laptop up for another event or as another station, start Doorline with an empty data folder:
    doorline kiosk --data-dir NEW_FOLDER
It opens the set-up screen (one-time token or bundle file).</source>
        <translation>Diese Station ist eingerichtet. Um diesen Laptop für eine andere Veranstaltung oder als andere Station einzurichten, starten Sie Doorline mit einem leeren Datenordner:
    doorline kiosk --data-dir NEUER_ORDNER
Dann öffnet sich die Einrichtung (Einmal-Token oder Paketdatei).</translation>
    </message>
    <message>
        <source>Door station (staff)</source>
        <translation>Einlassstation (Personal)</translation>
    </message>
    <message>
        <source>Self check-in kiosk</source>
        <translation>Selbst-Check-in-Kiosk</translation>
    </message>
    <message>
        <source>Play verdict sounds</source>
        <translation>Signaltöne abspielen</translation>
    </message>
    <message>
        <source>leave empty to keep the PIN</source>
        <translation>leer lassen, um die PIN zu behalten</translation>
    </message>
    <message>
        <source>the new PIN again</source>
        <translation>die neue PIN noch einmal</translation>
    </message>
    <message>
        <source>Save (camera, printer, gate and language apply after a restart)</source>
        <translation>Speichern (Kamera, Drucker, Eingang und Sprache gelten nach einem Neustart)</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>Eingang / Check-in-Liste</translation>
    </message>
    <message>
        <source>Camera (index, video or folder)</source>
        <translation>Kamera (Nummer, Video oder Ordner)</translation>
    </message>
    <message>
        <source>Code reader</source>
        <translation>Code-Leser</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>Namensschild-Drucker</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Töne</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>New operator PIN</source>
        <translation>Neue Betreiber-PIN</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <source>The operator PIN is the event&apos;s, set on the server; this station learns a new one with its next sync.</source>
        <translation>Die Betreiber-PIN ist die der Veranstaltung und wird auf dem Server festgelegt; diese Station erfährt eine neue mit der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Betreiber-PIN</translation>
    </message>
    <message>
        <source>The two new PINs differ: type the new PIN twice. Nothing was saved.</source>
        <translation>Die beiden neuen PINs unterscheiden sich: Geben Sie die neue PIN zweimal ein. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>A PIN is at least 4 digits (the keypad has digits only). Nothing was saved.</source>
        <translation>Eine PIN hat mindestens 4 Ziffern (das Tastenfeld hat nur Ziffern). Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Saved. The new PIN is in force.</source>
        <translation>Gespeichert. Die neue PIN gilt ab sofort.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Operator PIN</source>
        <translation>Betreiber-PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>Falsche PIN. Bitte erneut versuchen.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele falsche PINs. Erneut versuchen in %n Sekunde.</numerusform>
            <numerusform>Zu viele falsche PINs. Erneut versuchen in %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>PrintPort</name>
    <message>
        <source>No badge printer configured: choose one in Station settings.</source>
        <translation>Kein Namensschild-Drucker eingerichtet: Wählen Sie einen in den Stationseinstellungen.</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>vor {0} s</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>vor {0} Min.</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>vor {0} Std.</translation>
    </message>
    <message>
        <source>network printer {0}</source>
        <translation>Netzwerkdrucker {0}</translation>
    </message>
    <message>
        <source>USB printer {0}</source>
        <translation>USB-Drucker {0}</translation>
    </message>
    <message>
        <source>PDF files in {0}</source>
        <translation>PDF-Dateien in {0}</translation>
    </message>
    <message>
        <source>system printer “{0}”</source>
        <translation>Systemdrucker „{0}“</translation>
    </message>
    <message>
        <source>serial printer {0}</source>
        <translation>serieller Drucker {0}</translation>
    </message>
    <message>
        <source>printer device {0}</source>
        <translation>Druckergerät {0}</translation>
    </message>
    <message>
        <source>{0} is not answering</source>
        <translation>{0} antwortet nicht</translation>
    </message>
    <message>
        <source>{0} is not answering: {1}</source>
        <translation>{0} antwortet nicht: {1}</translation>
    </message>
    <message>
        <source>{0}: no badge printed yet</source>
        <translation>{0}: noch kein Namensschild gedruckt</translation>
    </message>
    <message>
        <source>{0} ready, last badge {1}</source>
        <translation>{0} bereit, letztes Namensschild {1}</translation>
    </message>
    <message>
        <source>{0} ready</source>
        <translation>{0} bereit</translation>
    </message>
    <message>
        <source>{0} — paper low, refill soon</source>
        <translation>{0} — Papier geht zur Neige, bald nachfüllen</translation>
    </message>
    <message>
        <source>{0} answers</source>
        <translation>{0} antwortet</translation>
    </message>
    <message>
        <source>Test badge sent, but the printer did not confirm it: {0}</source>
        <translation>Test-Namensschild gesendet, aber der Drucker hat es nicht bestätigt: {0}</translation>
    </message>
    <message>
        <source>Test badge not printed: {0}</source>
        <translation>Test-Namensschild nicht gedruckt: {0}</translation>
    </message>
    <message>
        <source>Test badge printed on template &apos;{0}&apos; ({1})</source>
        <translation>Test-Namensschild mit Vorlage „{0}“ gedruckt ({1})</translation>
    </message>
    <message>
        <source>Printer settings: {0}</source>
        <translation>Druckereinstellungen: {0}</translation>
    </message>
    <message>
        <source>Badge printer “{0}”: {1}</source>
        <translation>Namensschild-Drucker „{0}“: {1}</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message>
        <source>it refused the connection: is it switched on, and is {0} its port?</source>
        <translation>er lehnt die Verbindung ab: Ist er eingeschaltet, und ist {0} sein Port?</translation>
    </message>
    <message>
        <source>no answer within {0} s: is it switched on and on this network?</source>
        <translation>keine Antwort innerhalb von {0} s: Ist er eingeschaltet und in diesem Netzwerk?</translation>
    </message>
    <message>
        <source>it cannot be reached ({0})</source>
        <translation>er ist nicht erreichbar ({0})</translation>
    </message>
    <message>
        <source>it took the connection but gave no answer within {0} s (busy or jammed?)</source>
        <translation>er nimmt die Verbindung an, antwortet aber nicht innerhalb von {0} s (beschäftigt oder Papierstau?)</translation>
    </message>
    <message>
        <source>it dropped the connection</source>
        <translation>er hat die Verbindung abgebrochen</translation>
    </message>
    <message>
        <source>its cover is open</source>
        <translation>die Abdeckung ist offen</translation>
    </message>
    <message>
        <source>it is out of paper</source>
        <translation>das Papier ist leer</translation>
    </message>
    <message>
        <source>it reports an error (cutter jam or overheating?)</source>
        <translation>er meldet einen Fehler (Abschneider blockiert oder überhitzt?)</translation>
    </message>
    <message>
        <source>it is offline</source>
        <translation>er ist nicht betriebsbereit</translation>
    </message>
    <message>
        <source>it was not found: is it plugged in and switched on?</source>
        <translation>er wurde nicht gefunden: Ist er angeschlossen und eingeschaltet?</translation>
    </message>
    <message>
        <source>no permission to write {0} (is this user in the lp group?)</source>
        <translation>keine Schreibrechte für {0} (gehört dieser Benutzer zur Gruppe lp?)</translation>
    </message>
    <message>
        <source>cannot write {0} ({1})</source>
        <translation>{0} kann nicht geschrieben werden ({1})</translation>
    </message>
    <message>
        <source>{0} is not complete on disk: the disk may be full</source>
        <translation>{0} ist auf dem Datenträger unvollständig: Er ist vielleicht voll</translation>
    </message>
    <message>
        <source>this computer lacks the {0} package the printer needs</source>
        <translation>diesem Computer fehlt das Paket {0}, das der Drucker braucht</translation>
    </message>
    <message>
        <source>{0} holds something else: a badge never overwrites it</source>
        <translation>{0} enthält etwas anderes: Ein Namensschild überschreibt es nie</translation>
    </message>
    <message>
        <source>it is not an ESC/POS printer</source>
        <translation>er ist kein ESC/POS-Drucker</translation>
    </message>
    <message>
        <source>printing through CUPS is not installed on this computer (pycups)</source>
        <translation>Drucken über CUPS ist auf diesem Computer nicht installiert (pycups)</translation>
    </message>
    <message>
        <source>the CUPS print service is not running on this computer</source>
        <translation>der Druckdienst CUPS läuft auf diesem Computer nicht</translation>
    </message>
    <message>
        <source>CUPS did not answer ({0})</source>
        <translation>CUPS hat nicht geantwortet ({0})</translation>
    </message>
    <message>
        <source>CUPS has no printer named “{0}”</source>
        <translation>CUPS kennt keinen Drucker namens „{0}“</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is paused ({1})</source>
        <translation>CUPS-Drucker „{0}“ ist angehalten ({1})</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is not accepting jobs ({1})</source>
        <translation>CUPS-Drucker „{0}“ nimmt keine Aufträge an ({1})</translation>
    </message>
    <message>
        <source>CUPS refused the badge ({0})</source>
        <translation>CUPS hat das Namensschild abgelehnt ({0})</translation>
    </message>
    <message>
        <source>CUPS did not print the badge (job {0}: {1}); it was withdrawn</source>
        <translation>CUPS hat das Namensschild nicht gedruckt (Auftrag {0}: {1}); es wurde zurückgezogen</translation>
    </message>
    <message>
        <source>CUPS did not start the badge within {0} s; it was withdrawn</source>
        <translation>CUPS hat das Namensschild nicht innerhalb von {0} s begonnen; es wurde zurückgezogen</translation>
    </message>
    <message>
        <source>cancelled by an operator</source>
        <translation>von einem Bediener abgebrochen</translation>
    </message>
    <message>
        <source>the printer did not confirm the badge: it may have printed</source>
        <translation>der Drucker hat das Namensschild nicht bestätigt: Vielleicht wurde es gedruckt</translation>
    </message>
    <message>
        <source>the printer stopped mid-badge: part of it may have printed</source>
        <translation>der Drucker hat mitten im Namensschild aufgehört: Ein Teil wurde vielleicht gedruckt</translation>
    </message>
</context>
<context>
    <name>ProvisionPanel</name>
    <message>
        <source>Downloading the guest list</source>
        <translation>Gästeliste wird heruntergeladen</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>optional, e.g. main (default: the main entrance)</source>
        <translation>optional, z. B. main (Standard: Haupteingang)</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Stationsname</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>Eingang / Check-in-Liste</translation>
    </message>
    <message>
        <source>From the server: one-time token</source>
        <translation>Vom Server: Einmal-Token</translation>
    </message>
    <message>
        <source>paste, type or scan the token</source>
        <translation>Token einfügen, tippen oder scannen</translation>
    </message>
    <message>
        <source>Connect and download</source>
        <translation>Verbinden und herunterladen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Offline: bundle file (USB stick)</source>
        <translation>Offline: Paketdatei (USB-Stick)</translation>
    </message>
    <message>
        <source>event.dlbundle</source>
        <translation>event.dlbundle</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>only for an encrypted bundle</source>
        <translation>nur für ein verschlüsseltes Paket</translation>
    </message>
    <message>
        <source>Load bundle</source>
        <translation>Paket laden</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Paketdatei</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Provisioning bundle</source>
        <translation>Einrichtungspaket</translation>
    </message>
    <message>
        <source>Token scanned. Check the server address, then Connect.</source>
        <translation>Token gescannt. Prüfen Sie die Serveradresse und verbinden Sie dann.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Verbinde mit {0} …</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>Lese {0} …</translation>
    </message>
    <message>
        <source>{0}: {1} of {2}…</source>
        <translation>{0}: {1} von {2} …</translation>
    </message>
    <message>
        <source>{0}: {1}…</source>
        <translation>{0}: {1} …</translation>
    </message>
    <message>
        <source>Station ready.</source>
        <translation>Station bereit.</translation>
    </message>
    <message>
        <source>Provisioning failed: {0}</source>
        <translation>Einrichtung fehlgeschlagen: {0}</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>{0} min</source>
        <translation>{0} Min.</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} Std.</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n Ticket</numerusform>
            <numerusform>%n Tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest list synced {0} ago ({1})</source>
        <translation>Gästeliste vor {0} synchronisiert ({1})</translation>
    </message>
    <message>
        <source>Guest list provisioned {0} ago ({1})</source>
        <translation>Gästeliste vor {0} eingerichtet ({1})</translation>
    </message>
    <message>
        <source>Data age</source>
        <translation>Alter der Daten</translation>
    </message>
    <message>
        <source>Sync now (Sync tab), or load a fresh bundle.</source>
        <translation>Jetzt synchronisieren (Reiter Synchronisation) oder ein neues Paket laden.</translation>
    </message>
    <message>
        <source>Ticket keys</source>
        <translation>Ticket-Schlüssel</translation>
    </message>
    <message numerus="yes">
        <source>%n verification key(s)</source>
        <translation>
            <numerusform>%n Prüfschlüssel</numerusform>
            <numerusform>%n Prüfschlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>Provision the station again: it holds no keys.</source>
        <translation>Richten Sie die Station neu ein: Sie hat keine Schlüssel.</translation>
    </message>
    <message>
        <source>Station identity</source>
        <translation>Stationsidentität</translation>
    </message>
    <message>
        <source>Only this folder uses this identity</source>
        <translation>Nur dieser Ordner nutzt diese Identität</translation>
    </message>
    <message>
        <source>This station&apos;s identity is also used by another copy; {0} check-ins ({1} log entries) are not on the server</source>
        <translation>Die Identität dieser Station wird auch von einer Kopie genutzt; {0} Check-ins ({1} Protokolleinträge) sind nicht auf dem Server</translation>
    </message>
    <message>
        <source>Ask an operator for a new token and set this station up again with it: its check-ins then reach the server under a new identity.</source>
        <translation>Bitten Sie einen Betreiber um ein neues Token und richten Sie die Station damit neu ein: Ihre Check-ins erreichen den Server dann unter einer neuen Identität.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Betreiber-PIN</translation>
    </message>
    <message>
        <source>The event&apos;s operator PIN is known here</source>
        <translation>Die Betreiber-PIN der Veranstaltung ist hier bekannt</translation>
    </message>
    <message>
        <source>No operator PIN from the server: overrides and acknowledgements made here will be refused</source>
        <translation>Keine Betreiber-PIN vom Server: hier erfasste Freigaben und Bestätigungen werden abgelehnt</translation>
    </message>
    <message>
        <source>Set one on the server, then sync.</source>
        <translation>Legen Sie auf dem Server eine fest und synchronisieren Sie dann.</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>Laptop clock says {0}</source>
        <translation>Die Laptop-Uhr zeigt {0}</translation>
    </message>
    <message>
        <source>Set the date and time.</source>
        <translation>Stellen Sie Datum und Uhrzeit ein.</translation>
    </message>
    <message>
        <source>Laptop clock says {0} (not yet compared with a server)</source>
        <translation>Die Laptop-Uhr zeigt {0} (noch nicht mit einem Server verglichen)</translation>
    </message>
    <message>
        <source>Laptop clock: {0} (measured at the last sync, {1} ms)</source>
        <translation>Laptop-Uhr: {0} (gemessen bei der letzten Synchronisation, {1} ms)</translation>
    </message>
    <message>
        <source>Set the laptop&apos;s date and time, then sync again.</source>
        <translation>Stellen Sie Datum und Uhrzeit des Laptops ein und synchronisieren Sie erneut.</translation>
    </message>
    <message>
        <source>Within {0} of the server&apos;s clock</source>
        <translation>Höchstens {0} Abweichung zur Serveruhr</translation>
    </message>
    <message>
        <source>Plug in the webcam or choose another camera.</source>
        <translation>Schließen Sie die Webcam an oder wählen Sie eine andere Kamera.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Töne</translation>
    </message>
    <message>
        <source>Verdict sounds are off (Settings)</source>
        <translation>Signaltöne sind aus (Einstellungen)</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no sound player ({0}) is installed</source>
        <translation>„Signaltöne abspielen“ ist an, aber kein Audio-Player ({0}) ist installiert</translation>
    </message>
    <message>
        <source>Install one ({0}), or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>Installieren Sie einen ({0}) oder schalten Sie die Töne in den Einstellungen aus; die Ergebniskarte zeigt trotzdem alles.</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no audio device was found ({0} is ready)</source>
        <translation>„Signaltöne abspielen“ ist an, aber es wurde kein Audiogerät gefunden ({0} ist bereit)</translation>
    </message>
    <message>
        <source>Plug in speakers or a USB sound card, or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>Schließen Sie Lautsprecher oder eine USB-Soundkarte an oder schalten Sie die Töne in den Einstellungen aus; die Ergebniskarte zeigt trotzdem alles.</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>No badge printer: this door prints no badges</source>
        <translation>Kein Namensschild-Drucker: An diesem Einlass werden keine Namensschilder gedruckt</translation>
    </message>
    <message>
        <source>Set a badge printer in Station settings.</source>
        <translation>Legen Sie in den Stationseinstellungen einen Namensschild-Drucker fest.</translation>
    </message>
    <message>
        <source>Switch the printer on, check its cable or network, then Printers → Check.</source>
        <translation>Schalten Sie den Drucker ein, prüfen Sie Kabel oder Netzwerk, dann Drucker → Prüfen.</translation>
    </message>
    <message>
        <source>Test scan</source>
        <translation>Testscan</translation>
    </message>
    <message>
        <source>No tickets on this station.</source>
        <translation>Keine Tickets auf dieser Station.</translation>
    </message>
    <message>
        <source>Sync or provision.</source>
        <translation>Synchronisieren oder einrichten.</translation>
    </message>
    <message>
        <source>Choose another code reader in Settings.</source>
        <translation>Wählen Sie in den Einstellungen einen anderen Code-Leser.</translation>
    </message>
    <message>
        <source>A ticket code was read back correctly</source>
        <translation>Ein Ticketcode wurde korrekt zurückgelesen</translation>
    </message>
    <message>
        <source>The code read back differs</source>
        <translation>Der zurückgelesene Code weicht ab</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Testdruck</translation>
    </message>
    <message>
        <source>Skipped: no badge printer</source>
        <translation>Übersprungen: kein Namensschild-Drucker</translation>
    </message>
    <message>
        <source>Check the printer&apos;s paper and settings, then run the checks again.</source>
        <translation>Prüfen Sie Papier und Einstellungen des Druckers und führen Sie die Prüfungen erneut aus.</translation>
    </message>
    <message>
        <source>The code reader found no code in a clean test picture.</source>
        <translation>Der Code-Leser hat in einem sauberen Testbild keinen Code gefunden.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Genuine ticket, not on this station&apos;s list yet (verified offline)</source>
        <translation>Echtes Ticket, noch nicht auf der Liste dieser Station (offline geprüft)</translation>
    </message>
    <message>
        <source>Cancelled: {0}</source>
        <translation>Storniert: {0}</translation>
    </message>
    <message>
        <source>Send them to the box office to pay</source>
        <translation>Zum Bezahlen an die Kasse schicken</translation>
    </message>
    <message>
        <source>Valid from {0}</source>
        <translation>Gültig ab {0}</translation>
    </message>
    <message>
        <source>Was valid until {0}</source>
        <translation>War gültig bis {0}</translation>
    </message>
    <message>
        <source>Not valid at {0}</source>
        <translation>Nicht gültig für {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser: {0}</source>
        <translation>Vom Veranstalter markiert: {0}</translation>
    </message>
    <message>
        <source>Genuine ticket, but not on this station&apos;s list</source>
        <translation>Echtes Ticket, aber nicht auf der Liste dieser Station</translation>
    </message>
    <message>
        <source>Genuine ticket, not on the list yet: the first download is not complete</source>
        <translation>Echtes Ticket, noch nicht auf der Liste: Der erste Download ist nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Unexpected characters</source>
        <translation>Unerwartete Zeichen</translation>
    </message>
    <message>
        <source>Wrong format or version</source>
        <translation>Falsches Format oder falsche Version</translation>
    </message>
    <message>
        <source>Damaged or incomplete</source>
        <translation>Beschädigt oder unvollständig</translation>
    </message>
    <message>
        <source>Wrong length</source>
        <translation>Falsche Länge</translation>
    </message>
    <message>
        <source>This ticket is for event {0}</source>
        <translation>Dieses Ticket gilt für Veranstaltung {0}</translation>
    </message>
    <message>
        <source>Signed with key {0}, which this station does not hold</source>
        <translation>Mit Schlüssel {0} signiert, den diese Station nicht hat</translation>
    </message>
    <message>
        <source>The signature does not match</source>
        <translation>Die Signatur stimmt nicht</translation>
    </message>
    <message>
        <source>Supervisor override: {0}</source>
        <translation>Freigabe durch Aufsicht: {0}</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Rückgängig gemacht: {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser</source>
        <translation>Vom Veranstalter markiert</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Name or confirmation code</source>
        <translation>Name oder Bestätigungscode</translation>
    </message>
    <message>
        <source>Check in selected person</source>
        <translation>Ausgewählte Person einchecken</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Zurück zum Scannen</translation>
    </message>
    <message>
        <source>The camera read a ticket while you were searching.</source>
        <translation>Die Kamera hat während Ihrer Suche ein Ticket gelesen.</translation>
    </message>
    <message>
        <source>Check that ticket</source>
        <translation>Dieses Ticket prüfen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Type part of a name, or a confirmation code.</source>
        <translation>Geben Sie einen Teil des Namens oder einen Bestätigungscode ein.</translation>
    </message>
    <message>
        <source>Search failed: {0}</source>
        <translation>Suche fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} shown — type more to narrow the list</source>
        <translation>{0} von {1} angezeigt — tippen Sie weiter, um die Liste einzugrenzen</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n gefunden</numerusform>
            <numerusform>%n gefunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <source>Doorline — set up this station</source>
        <translation>Doorline — diese Station einrichten</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Diese Station einrichten</translation>
    </message>
    <message>
        <source>This laptop is not set up for an event yet (no station in {0}). An operator sets it up with a one-time token from the server, or with a bundle file.</source>
        <translation>Dieser Laptop ist noch für keine Veranstaltung eingerichtet (keine Station in {0}). Ein Betreiber richtet ihn mit einem Einmal-Token vom Server oder mit einer Paketdatei ein.</translation>
    </message>
    <message>
        <source>Staff only: setting up needs the operator PIN.</source>
        <translation>Nur für Personal: Die Einrichtung braucht die Betreiber-PIN.</translation>
    </message>
    <message>
        <source>Hold the token&apos;s QR code up to the camera</source>
        <translation>Halten Sie den QR-Code des Tokens vor die Kamera</translation>
    </message>
    <message>
        <source>Scan the token&apos;s QR code with the camera</source>
        <translation>QR-Code des Tokens mit der Kamera scannen</translation>
    </message>
    <message>
        <source>A USB hand scanner types the token straight into the Token field.</source>
        <translation>Ein USB-Handscanner tippt das Token direkt in das Feld „Token“.</translation>
    </message>
    <message>
        <source>Enter the operator PIN to set up this station.</source>
        <translation>Geben Sie die Betreiber-PIN ein, um diese Station einzurichten.</translation>
    </message>
</context>
<context>
    <name>SetupWords</name>
    <message>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.10:8765</source>
        <translation>Geben Sie die Adresse des Servers ein, z. B. http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>Paste, type or scan the one-time token from the operator.</source>
        <translation>Fügen Sie das Einmal-Token vom Betreiber ein, tippen oder scannen Sie es.</translation>
    </message>
    <message>
        <source>Choose the bundle file first.</source>
        <translation>Wählen Sie zuerst die Paketdatei.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder: choose a folder for the station&apos;s data. The token was not used.</source>
        <translation>{0} ist eine Datei, kein Ordner: Wählen Sie einen Ordner für die Daten der Station. Das Token wurde nicht verbraucht.</translation>
    </message>
    <message>
        <source>Cannot write the station&apos;s data in {0} ({1}). The token was not used.</source>
        <translation>Die Daten der Station können nicht in {0} geschrieben werden ({1}). Das Token wurde nicht verbraucht.</translation>
    </message>
    <message>
        <source>{0} already holds a station: start Doorline with an empty data folder to set up another one.</source>
        <translation>{0} enthält bereits eine Station: Starten Sie Doorline mit einem leeren Datenordner, um eine weitere einzurichten.</translation>
    </message>
    <message>
        <source>The server refused this token: it is unknown, has expired or was already used. Ask the operator for a new one.</source>
        <translation>Der Server hat dieses Token abgelehnt: Es ist unbekannt, abgelaufen oder schon verbraucht. Bitten Sie den Betreiber um ein neues.</translation>
    </message>
    <message>
        <source>This event has no gate “{0}”. The token was not used: correct the gate and try again.</source>
        <translation>Diese Veranstaltung hat keinen Eingang „{0}“. Das Token wurde nicht verbraucht: Korrigieren Sie den Eingang und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server at {0} does not answer. Check the address and the network, then try again with the same token.</source>
        <translation>Der Server unter {0} antwortet nicht. Prüfen Sie Adresse und Netzwerk und versuchen Sie es mit demselben Token erneut.</translation>
    </message>
    <message>
        <source>The server could not set this station up ({0}). Try again with the same token.</source>
        <translation>Der Server konnte diese Station nicht einrichten ({0}). Versuchen Sie es mit demselben Token erneut.</translation>
    </message>
    <message>
        <source>The station was set up, but reading the event failed. Try again to finish: the same token still works.</source>
        <translation>Die Station wurde eingerichtet, aber das Lesen der Veranstaltung ist fehlgeschlagen. Versuchen Sie es erneut: Dasselbe Token funktioniert noch.</translation>
    </message>
    <message>
        <source>The first download stopped: the server no longer answers. Try again to resume it.</source>
        <translation>Der erste Download wurde unterbrochen: Der Server antwortet nicht mehr. Versuchen Sie es erneut, um ihn fortzusetzen.</translation>
    </message>
    <message>
        <source>The first download failed ({0}). Try again to resume it.</source>
        <translation>Der erste Download ist fehlgeschlagen ({0}). Versuchen Sie es erneut, um ihn fortzusetzen.</translation>
    </message>
    <message>
        <source>The first download stopped: this laptop&apos;s disk is full. Free some space, then try again to resume it.</source>
        <translation>Der erste Download wurde unterbrochen: Die Festplatte dieses Laptops ist voll. Schaffen Sie Platz und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The bundle file cannot be read ({0}).</source>
        <translation>Die Paketdatei kann nicht gelesen werden ({0}).</translation>
    </message>
    <message>
        <source>This bundle is encrypted: enter its passphrase.</source>
        <translation>Dieses Paket ist verschlüsselt: Geben Sie seine Passphrase ein.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the bundle was altered.</source>
        <translation>Falsche Passphrase, oder das Paket wurde verändert.</translation>
    </message>
    <message>
        <source>This file is not a Doorline provisioning bundle.</source>
        <translation>Diese Datei ist kein Doorline-Einrichtungspaket.</translation>
    </message>
    <message>
        <source>The bundle is damaged or incomplete: copy it again.</source>
        <translation>Das Paket ist beschädigt oder unvollständig: Kopieren Sie es erneut.</translation>
    </message>
    <message>
        <source>The bundle cannot be used ({0}).</source>
        <translation>Das Paket kann nicht verwendet werden ({0}).</translation>
    </message>
</context>
<context>
    <name>StationNames</name>
    <message>
        <source>a station not known here (id {0})</source>
        <translation>eine hier noch unbekannte Station (ID {0})</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>StationShell</name>
    <message>
        <source>{0} gave no picture</source>
        <translation>{0} liefert kein Bild</translation>
    </message>
    <message>
        <source>camera {0}</source>
        <translation>Kamera {0}</translation>
    </message>
    <message>
        <source>video {0}</source>
        <translation>Video {0}</translation>
    </message>
    <message>
        <source>pictures in {0}</source>
        <translation>Bilder in {0}</translation>
    </message>
    <message>
        <source>Enter the operator PIN.</source>
        <translation>Bitte Betreiber-PIN eingeben.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>vor {0} s</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>vor {0} Min.</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>vor {0} Std.</translation>
    </message>
    <message>
        <source>● Offline station (no server)</source>
        <translation>● Offline-Station (ohne Server)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Synchronisiert …</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ Offline — Scannen funktioniert weiter</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Letzte Sync.: {0}</translation>
    </message>
    <message>
        <source>To upload: {0}</source>
        <translation>Hochzuladen: {0}</translation>
    </message>
    <message>
        <source>Inside now: {0}</source>
        <translation>Jetzt drinnen: {0}</translation>
    </message>
    <message>
        <source>Admitted today: {0}</source>
        <translation>Heute eingelassen: {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>Abgewiesen: {0}</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>This station was set up without a server: it has nothing to sync.</source>
        <translation>Diese Station wurde ohne Server eingerichtet: Es gibt nichts zu synchronisieren.</translation>
    </message>
    <message>
        <source>{0} is not a server address: set the station up again.</source>
        <translation>{0} ist keine Serveradresse: Richten Sie die Station neu ein.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {0}. Scanning still works; sync retries.</source>
        <translation>Der Server unter {0} ist nicht erreichbar. Das Scannen funktioniert weiter; die Synchronisation versucht es erneut.</translation>
    </message>
    <message>
        <source>The server at {0} did not answer in time. Sync retries.</source>
        <translation>Der Server unter {0} hat nicht rechtzeitig geantwortet. Die Synchronisation versucht es erneut.</translation>
    </message>
    <message>
        <source>The server at {0} took too long; this sync round stopped and retries.</source>
        <translation>Der Server unter {0} hat zu lange gebraucht; dieser Abgleich wurde abgebrochen und wird wiederholt.</translation>
    </message>
    <message>
        <source>The server refused this station ({0}): its access was revoked or is for another event. Set the station up again.</source>
        <translation>Der Server hat diese Station abgewiesen ({0}): Ihr Zugang wurde widerrufen oder gilt für eine andere Veranstaltung. Richten Sie die Station neu ein.</translation>
    </message>
    <message>
        <source>The server refused a request ({0}). Sync retries.</source>
        <translation>Der Server hat eine Anfrage abgelehnt ({0}). Die Synchronisation versucht es erneut.</translation>
    </message>
    <message>
        <source>The server had an error ({0}). Sync retries.</source>
        <translation>Auf dem Server ist ein Fehler aufgetreten ({0}). Die Synchronisation versucht es erneut.</translation>
    </message>
    <message>
        <source>The server sent an answer this station cannot read; nothing was stored.</source>
        <translation>Der Server hat eine Antwort geschickt, die diese Station nicht lesen kann; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than {0} MB; it was not read.</source>
        <translation>Die Antwort des Servers ist größer als {0} MB; sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>The server accepted none of the uploaded entries. Sync retries.</source>
        <translation>Der Server hat keinen der hochgeladenen Einträge angenommen. Die Synchronisation versucht es erneut.</translation>
    </message>
    <message>
        <source>The server had more after {0} pages; the next sync round continues.</source>
        <translation>Der Server hatte nach {0} Seiten noch mehr; der nächste Abgleich macht weiter.</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly (details in the log). Sync retries.</source>
        <translation>Die Synchronisation ist unerwartet fehlgeschlagen (Einzelheiten im Protokoll). Sie versucht es erneut.</translation>
    </message>
    <message>
        <source>Sync failed (details in the log).</source>
        <translation>Synchronisation fehlgeschlagen (Einzelheiten im Protokoll).</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Hide ⌄</source>
        <translation>Ausblenden ⌄</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Welcome — admitted</source>
        <translation>Willkommen — eingelassen</translation>
    </message>
    <message>
        <source>Exit recorded</source>
        <translation>Ausgang erfasst</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Bereits eingecheckt</translation>
    </message>
    <message>
        <source>Not a ticket code</source>
        <translation>Kein Ticketcode</translation>
    </message>
    <message>
        <source>Forged or damaged ticket</source>
        <translation>Gefälschtes oder beschädigtes Ticket</translation>
    </message>
    <message>
        <source>Ticket signed with an unknown key</source>
        <translation>Ticket mit unbekanntem Schlüssel signiert</translation>
    </message>
    <message>
        <source>Ticket for another event</source>
        <translation>Ticket für eine andere Veranstaltung</translation>
    </message>
    <message>
        <source>Ticket not valid yet</source>
        <translation>Ticket noch nicht gültig</translation>
    </message>
    <message>
        <source>Ticket expired</source>
        <translation>Ticket abgelaufen</translation>
    </message>
    <message>
        <source>Ticket cancelled</source>
        <translation>Ticket storniert</translation>
    </message>
    <message>
        <source>Wrong entrance for this ticket</source>
        <translation>Falscher Eingang für dieses Ticket</translation>
    </message>
    <message>
        <source>Ticket not on the guest list</source>
        <translation>Ticket nicht auf der Gästeliste</translation>
    </message>
    <message>
        <source>Please call a supervisor</source>
        <translation>Bitte Aufsicht rufen</translation>
    </message>
    <message>
        <source>Not paid yet</source>
        <translation>Noch nicht bezahlt</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>vor {0} Min.</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>vor {0} Std.</translation>
    </message>
    <message>
        <source>at {0} ({1})</source>
        <translation>um {0} ({1})</translation>
    </message>
    <message>
        <source>another entrance</source>
        <translation>einem anderen Eingang</translation>
    </message>
    <message>
        <source>First checked in {0} at {1}</source>
        <translation>Zuerst eingecheckt {0} bei {1}</translation>
    </message>
    <message>
        <source>Tap to continue</source>
        <translation>Zum Fortfahren tippen</translation>
    </message>
    <message>
        <source>Verified offline</source>
        <translation>Offline geprüft</translation>
    </message>
</context>
</TS>
