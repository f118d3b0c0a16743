<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The new station cannot be opened: {0}</source>
        <translation>No se puede abrir el puesto nuevo: {0}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting camera…</source>
        <translation>Iniciando la cámara…</translation>
    </message>
</context>
<context>
    <name>CameraWords</name>
    <message>
        <source>camera {0}</source>
        <translation>cámara {0}</translation>
    </message>
    <message>
        <source>No camera found ({0}). Check that the webcam is plugged in, or choose another camera in Settings.</source>
        <translation>No se encontró ninguna cámara ({0}). Compruebe que la webcam esté conectada o elija otra cámara en Ajustes.</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures. Check its cable, or restart it.</source>
        <translation>La cámara dejó de enviar imágenes. Revise el cable o reiníciela.</translation>
    </message>
    <message>
        <source>The picture source cannot be opened: {0}</source>
        <translation>No se puede abrir la fuente de imagen: {0}</translation>
    </message>
    <message>
        <source>The code reader cannot start: {0} Choose another one in Settings.</source>
        <translation>El lector de códigos no puede iniciarse: {0} Elija otro en Ajustes.</translation>
    </message>
    <message>
        <source>The code reader cannot read every code format in use: {0}</source>
        <translation>El lector no puede leer todos los formatos de código en uso: {0}</translation>
    </message>
</context>
<context>
    <name>ClockWords</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} ahead of the server&apos;s clock</source>
        <translation>{0} por delante del reloj del servidor</translation>
    </message>
    <message>
        <source>{0} behind the server&apos;s clock</source>
        <translation>{0} por detrás del reloj del servidor</translation>
    </message>
    <message>
        <source>This laptop&apos;s clock is {0}. Scans are stamped with the server&apos;s time; set the laptop&apos;s date and time.</source>
        <translation>El reloj de este portátil va {0}. Los escaneos llevan la hora del servidor; ajuste la fecha y la hora del portátil.</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>Doorline — door station</source>
        <translation>Doorline — puesto de entrada</translation>
    </message>
    <message>
        <source>Ready. Point a ticket at the camera.</source>
        <translation>Listo. Muestre un ticket a la cámara.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>↶ Undo</source>
        <translation>↶ Deshacer</translation>
    </message>
    <message>
        <source>⚙ Operator</source>
        <translation>⚙ Operador</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: only this station&apos;s own last scan of the last %n minute(s) can be undone.</source>
        <translation>
            <numerusform>Nada que deshacer: solo se puede deshacer el último escaneo de este puesto del último %n minuto.</numerusform>
            <numerusform>Nada que deshacer: solo se puede deshacer el último escaneo de este puesto de los últimos %n minutos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo the exit of {0} {1}?</source>
        <translation>¿Deshacer la salida de {0} {1}?</translation>
    </message>
    <message>
        <source>Undo the check-in of {0} {1}?</source>
        <translation>¿Deshacer el registro de {0} {1}?</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo it</source>
        <translation>Deshacerlo</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Mantenerlo</translation>
    </message>
    <message>
        <source>Undone: {0}, {1}.</source>
        <translation>Deshecho: {0}, {1}.</translation>
    </message>
    <message>
        <source>Scan not recorded: {0}</source>
        <translation>Escaneo no registrado: {0}</translation>
    </message>
    <message>
        <source>Printer: badge not queued ({0}). Scanning continues.</source>
        <translation>Impresora: acreditación no puesta en cola ({0}). El escaneo continúa.</translation>
    </message>
    <message>
        <source>No camera picture: {0}</source>
        <translation>Sin imagen de la cámara: {0}</translation>
    </message>
    <message>
        <source>No camera picture. Looking for the camera again…</source>
        <translation>Sin imagen de la cámara. Buscando la cámara de nuevo…</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>Sin imagen de la cámara</translation>
    </message>
    <message>
        <source>Counters not updated: {0}</source>
        <translation>Contadores sin actualizar: {0}</translation>
    </message>
    <message>
        <source>Sync and printer status unknown: {0}</source>
        <translation>Estado de sincronización e impresora desconocido: {0}</translation>
    </message>
    <message>
        <source>Printer: {0} Scanning continues.</source>
        <translation>Impresora: {0} El escaneo continúa.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) wait in the queue.</source>
        <translation>
            <numerusform>%n acreditación espera en la cola.</numerusform>
            <numerusform>%n acreditaciones esperan en la cola.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer: a badge was sent but not confirmed ({0}). Operator → Printers to confirm or reprint.</source>
        <translation>Impresora: se envió una acreditación sin confirmación ({0}). Operador → Impresoras para confirmar o reimprimir.</translation>
    </message>
    <message>
        <source>Printer: badge not printed ({0}). Operator → Printers to retry.</source>
        <translation>Impresora: acreditación no impresa ({0}). Operador → Impresoras para reintentar.</translation>
    </message>
    <message>
        <source>({0} in all)</source>
        <translation>({0} en total)</translation>
    </message>
    <message>
        <source>Printer: badge failed ({0}); retrying.</source>
        <translation>Impresora: falló la acreditación ({0}); reintentando.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Please see the desk</source>
        <translation>Por favor, acuda al mostrador</translation>
    </message>
    <message>
        <source>This ticket has already been used to check in.</source>
        <translation>Este ticket ya se ha usado para registrarse.</translation>
    </message>
    <message>
        <source>A member of staff needs to help you with this ticket.</source>
        <translation>Un miembro del personal debe ayudarle con este ticket.</translation>
    </message>
    <message>
        <source>This ticket is checked in at another entrance.</source>
        <translation>Este ticket se registra en otra entrada.</translation>
    </message>
    <message>
        <source>This ticket has been cancelled.</source>
        <translation>Este ticket ha sido cancelado.</translation>
    </message>
    <message>
        <source>This ticket is no longer valid.</source>
        <translation>Este ticket ya no es válido.</translation>
    </message>
    <message>
        <source>This ticket is not valid yet.</source>
        <translation>Este ticket todavía no es válido.</translation>
    </message>
    <message>
        <source>We could not read this ticket.</source>
        <translation>No hemos podido leer este ticket.</translation>
    </message>
    <message>
        <source>This ticket is not paid yet. The box office can help you.</source>
        <translation>Esta entrada aún no está pagada. La taquilla puede ayudarle.</translation>
    </message>
    <message>
        <source>This kiosk cannot save check-ins right now, so you are not checked in yet.</source>
        <translation>Este quiosco no puede guardar registros ahora mismo, así que aún no está registrado.</translation>
    </message>
    <message>
        <source>Something went wrong at this kiosk.</source>
        <translation>Algo ha fallado en este quiosco.</translation>
    </message>
    <message>
        <source>Doorline — self check-in</source>
        <translation>Doorline — autorregistro</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenido</translation>
    </message>
    <message>
        <source>Find my ticket</source>
        <translation>Buscar mi ticket</translation>
    </message>
    <message>
        <source>Scan your ticket or tap to find it</source>
        <translation>Escanee su ticket o toque para buscarlo</translation>
    </message>
    <message>
        <source>Tap the button to find your ticket</source>
        <translation>Toque el botón para buscar su ticket</translation>
    </message>
    <message>
        <source>e.g. K7M2P9XA</source>
        <translation>p. ej. K7M2P9XA</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Find by code</source>
        <translation>Buscar por código</translation>
    </message>
    <message>
        <source>Find by name</source>
        <translation>Buscar por nombre</translation>
    </message>
    <message>
        <source>Your confirmation code</source>
        <translation>Su código de confirmación</translation>
    </message>
    <message>
        <source>Or your surname and e-mail</source>
        <translation>O su apellido y correo</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Find your ticket</source>
        <translation>Busque su ticket</translation>
    </message>
    <message>
        <source>Several tickets are booked under this name. Which are yours?</source>
        <translation>Hay varios tickets reservados a este nombre. ¿Cuáles son suyos?</translation>
    </message>
    <message>
        <source>None of these</source>
        <translation>Ninguno de estos</translation>
    </message>
    <message>
        <source>Is this you?</source>
        <translation>¿Es usted?</translation>
    </message>
    <message>
        <source>Yes, print my badge</source>
        <translation>Sí, imprimir mi acreditación</translation>
    </message>
    <message>
        <source>No, that&apos;s not me</source>
        <translation>No, no soy yo</translation>
    </message>
    <message>
        <source>Printing your badge…</source>
        <translation>Imprimiendo su acreditación…</translation>
    </message>
    <message>
        <source>Take your badge</source>
        <translation>Recoja su acreditación</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>We could not find a ticket with those details. Check them, or see the desk.</source>
        <translation>No encontramos ningún ticket con esos datos. Revíselos o acuda al mostrador.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0} at {1}.</source>
        <translation>Este ticket ya se registró {0} en {1}.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0}.</source>
        <translation>Este ticket ya se registró {0}.</translation>
    </message>
    <message>
        <source>{0} — already checked in</source>
        <translation>{0} — ya registrado</translation>
    </message>
    <message numerus="yes">
        <source>All of us (%n ticket(s))</source>
        <translation>
            <numerusform>Todos (%n ticket)</numerusform>
            <numerusform>Todos (%n tickets)</numerusform>
        </translation>
    </message>
    <message>
        <source>Badges for:</source>
        <translation>Acreditaciones para:</translation>
    </message>
    <message numerus="yes">
        <source>Yes, print %n badge(s)</source>
        <translation>
            <numerusform>Sí, imprimir %n acreditación</numerusform>
            <numerusform>Sí, imprimir %n acreditaciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome, {0}!</source>
        <translation>¡Bienvenido, {0}!</translation>
    </message>
    <message numerus="yes">
        <source>Take your badge(s)</source>
        <translation>
            <numerusform>Recoja su acreditación</numerusform>
            <numerusform>Recojan sus acreditaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printing your badge(s)…</source>
        <translation>
            <numerusform>Imprimiendo su acreditación…</numerusform>
            <numerusform>Imprimiendo sus acreditaciones…</numerusform>
        </translation>
    </message>
    <message>
        <source>You are checked in. Your badge was printed earlier; the desk can print another one.</source>
        <translation>Ya está registrado. Su acreditación se imprimió antes; en el mostrador pueden imprimir otra.</translation>
    </message>
    <message>
        <source>You are checked in, but your badge could not be printed.</source>
        <translation>Ya está registrado, pero no se pudo imprimir su acreditación.</translation>
    </message>
    <message>
        <source>You are checked in. The printer did not confirm your badge.</source>
        <translation>Ya está registrado. La impresora no confirmó su acreditación.</translation>
    </message>
    <message>
        <source>You are checked in. Your badge is still waiting for the printer.</source>
        <translation>Ya está registrado. Su acreditación aún espera a la impresora.</translation>
    </message>
    <message>
        <source>Your badge is next in line…</source>
        <translation>Su acreditación es la siguiente…</translation>
    </message>
    <message>
        <source>Staff only: enter the operator PIN.</source>
        <translation>Solo personal: introduzca el PIN de operador.</translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message>
        <source>single entry</source>
        <translation>entrada única</translation>
    </message>
    <message>
        <source>re-entry after an exit</source>
        <translation>reentrada tras una salida</translation>
    </message>
    <message>
        <source>any number of entries</source>
        <translation>entradas ilimitadas</translation>
    </message>
    <message>
        <source>once per day</source>
        <translation>una vez al día</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>printing…</source>
        <translation>imprimiendo…</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ impreso</translation>
    </message>
    <message>
        <source>✖ failed, retrying</source>
        <translation>✖ fallido, reintentando</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ fallido</translation>
    </message>
    <message>
        <source>? sent, unconfirmed: check the printer</source>
        <translation>? enviado, sin confirmar: revise la impresora</translation>
    </message>
    <message>
        <source>{0} (reprint)</source>
        <translation>{0} (reimpresión)</translation>
    </message>
    <message>
        <source>every ticket type</source>
        <translation>todos los tipos de ticket</translation>
    </message>
    <message>
        <source>no ticket types</source>
        <translation>ningún tipo de ticket</translation>
    </message>
    <message>
        <source>new tickets not yet synced: admitted (verified offline)</source>
        <translation>tickets nuevos aún sin sincronizar: admitidos (verificados sin conexión)</translation>
    </message>
    <message>
        <source>new tickets not yet synced: refused</source>
        <translation>tickets nuevos aún sin sincronizar: rechazados</translation>
    </message>
    <message>
        <source>Doorline — operator</source>
        <translation>Doorline — operador</translation>
    </message>
    <message>
        <source>Ready for doors</source>
        <translation>Listo para abrir</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Printers &amp;&amp; queue</source>
        <translation>Impresoras &amp;&amp; cola</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Back to the door</source>
        <translation>Volver a la entrada</translation>
    </message>
    <message>
        <source>Quit Doorline</source>
        <translation>Salir de Doorline</translation>
    </message>
    <message>
        <source>That did not work: {0}</source>
        <translation>No ha funcionado: {0}</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Encontrado</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Solución</translation>
    </message>
    <message>
        <source>Run all checks (includes a test scan and a test print)</source>
        <translation>Ejecutar todas las comprobaciones (con escaneo e impresión de prueba)</translation>
    </message>
    <message>
        <source>✔ OK</source>
        <translation>✔ Correcto</translation>
    </message>
    <message>
        <source>✖ FIX</source>
        <translation>✖ CORREGIR</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>The station syncs by itself every few seconds while the server answers; offline, it keeps scanning and uploads everything later. Sync now pushes this station&apos;s entries and pulls tickets, revocations and other doors&apos; scans.</source>
        <translation>El puesto se sincroniza solo cada pocos segundos mientras el servidor responde; sin conexión sigue escaneando y lo sube todo después. «Sincronizar ahora» envía los registros de este puesto y descarga tickets, revocaciones y escaneos de otras entradas.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Última sincronización</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>Pendiente de subir</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>● Offline station (provisioned from a bundle)</source>
        <translation>● Puesto sin conexión (configurado desde un paquete)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Sincronizando…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ Sin conexión — el escaneo sigue funcionando</translation>
    </message>
    <message numerus="yes">
        <source>%n log entry(ies)</source>
        <translation>
            <numerusform>%n registro</numerusform>
            <numerusform>%n registros</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Not on the server</source>
        <translation>No está en el servidor</translation>
    </message>
    <message>
        <source>Entry #{0} ({1}): {2}</source>
        <translation>Entrada n.º {0} ({1}): {2}</translation>
    </message>
    <message>
        <source>Check printer now</source>
        <translation>Comprobar la impresora</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>En cola a las</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Reintentar selección</translation>
    </message>
    <message>
        <source>Retry all failed</source>
        <translation>Reintentar todos los fallidos</translation>
    </message>
    <message>
        <source>It printed</source>
        <translation>Se imprimió</translation>
    </message>
    <message>
        <source>For a badge sent but not confirmed by the printer: you saw it come out.</source>
        <translation>Para una credencial enviada pero no confirmada por la impresora: usted la vio salir.</translation>
    </message>
    <message>
        <source>Reprint selected badge</source>
        <translation>Reimprimir la acreditación elegida</translation>
    </message>
    <message>
        <source>or a ticket number</source>
        <translation>o un número de ticket</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Reimprimir</translation>
    </message>
    <message>
        <source>Each badge prints once. A reprint is an operator&apos;s choice and is logged on the station as a reprint.</source>
        <translation>Cada acreditación se imprime una vez. Una reimpresión la decide el operador y queda registrada en el puesto.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) waiting</source>
        <translation>
            <numerusform>%n acreditación en espera</numerusform>
            <numerusform>%n acreditaciones en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>Consultando la impresora…</translation>
    </message>
    <message>
        <source>Select a failed badge first.</source>
        <translation>Elija primero una acreditación fallida.</translation>
    </message>
    <message>
        <source>Retrying the badge.</source>
        <translation>Reintentando la acreditación.</translation>
    </message>
    <message>
        <source>Select a badge marked &apos;sent, unconfirmed&apos; first.</source>
        <translation>Seleccione primero una credencial marcada «enviada, sin confirmar».</translation>
    </message>
    <message>
        <source>Badge confirmed as printed (logged).</source>
        <translation>Credencial confirmada como impresa (registrada).</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed badge(s).</source>
        <translation>
            <numerusform>Reintentando %n acreditación fallida.</numerusform>
            <numerusform>Reintentando %n acreditaciones fallidas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the badge to reprint first.</source>
        <translation>Elija primero la acreditación que reimprimir.</translation>
    </message>
    <message>
        <source>Type the ticket number to reprint.</source>
        <translation>Escriba el número de ticket que reimprimir.</translation>
    </message>
    <message>
        <source>Reprint of ticket {0} queued (logged as a reprint).</source>
        <translation>Reimpresión del ticket {0} en cola (registrada como reimpresión).</translation>
    </message>
    <message>
        <source>First admitted</source>
        <translation>Primera entrada</translation>
    </message>
    <message>
        <source>Admitted again</source>
        <translation>Admitido de nuevo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Note, e.g. checked ID: same person</source>
        <translation>Nota, p. ej. DNI comprobado: la misma persona</translation>
    </message>
    <message>
        <source>Acknowledge selected</source>
        <translation>Confirmar selección</translation>
    </message>
    <message>
        <source>The same single-entry ticket admitted twice with no exit between. Acknowledging is logged on this station and reaches the server with the next sync.</source>
        <translation>El mismo ticket de entrada única admitido dos veces sin salida entre medias. La confirmación se registra en este puesto y llega al servidor con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Select a conflict first.</source>
        <translation>Elija primero un conflicto.</translation>
    </message>
    <message>
        <source>acknowledged by an operator</source>
        <translation>confirmado por un operador</translation>
    </message>
    <message>
        <source>Conflict acknowledged; the note goes to the server with the next sync.</source>
        <translation>Conflicto confirmado; la nota irá al servidor con la próxima sincronización.</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>✔ acknowledged</source>
        <translation>✔ confirmado</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>Conflicts ({0})</source>
        <translation>Conflictos ({0})</translation>
    </message>
    <message>
        <source>none: provisioned from a bundle file (offline)</source>
        <translation>ninguno: configurado desde un archivo de paquete (sin conexión)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>Configurado</translation>
    </message>
    <message>
        <source>Guest list</source>
        <translation>Lista de invitados</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Station id (for the command line)</source>
        <translation>Id. del puesto (para la línea de órdenes)</translation>
    </message>
    <message>
        <source>This station is provisioned. To set this laptop up for another event or as another station, start Doorline with an empty data folder:
    doorline kiosk --data-dir NEW_FOLDER
It opens the set-up screen (one-time token or bundle file).</source>
        <translation>Este puesto está configurado. Para preparar este portátil para otro evento o como otro puesto, inicie Doorline con una carpeta de datos vacía:
    doorline kiosk --data-dir CARPETA_NUEVA
Se abre la pantalla de configuración (token de un solo uso o archivo de paquete).</translation>
    </message>
    <message>
        <source>Door station (staff)</source>
        <translation>Puesto de entrada (personal)</translation>
    </message>
    <message>
        <source>Self check-in kiosk</source>
        <translation>Quiosco de autorregistro</translation>
    </message>
    <message>
        <source>Play verdict sounds</source>
        <translation>Reproducir sonidos de veredicto</translation>
    </message>
    <message>
        <source>leave empty to keep the PIN</source>
        <translation>dejar vacío para mantener el PIN</translation>
    </message>
    <message>
        <source>the new PIN again</source>
        <translation>el nuevo PIN otra vez</translation>
    </message>
    <message>
        <source>Save (camera, printer, gate and language apply after a restart)</source>
        <translation>Guardar (cámara, impresora, entrada e idioma tras reiniciar)</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>Entrada / lista de registro</translation>
    </message>
    <message>
        <source>Camera (index, video or folder)</source>
        <translation>Cámara (índice, vídeo o carpeta)</translation>
    </message>
    <message>
        <source>Code reader</source>
        <translation>Lector de códigos</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>Impresora de acreditaciones</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Sonidos</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>New operator PIN</source>
        <translation>Nuevo PIN de operador</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>Repita el nuevo PIN</translation>
    </message>
    <message>
        <source>The operator PIN is the event&apos;s, set on the server; this station learns a new one with its next sync.</source>
        <translation>El PIN de operador es el del evento, definido en el servidor; este puesto conoce uno nuevo con su próxima sincronización.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN de operador</translation>
    </message>
    <message>
        <source>The two new PINs differ: type the new PIN twice. Nothing was saved.</source>
        <translation>Los dos PIN nuevos no coinciden: escriba el nuevo PIN dos veces. No se guardó nada.</translation>
    </message>
    <message>
        <source>A PIN is at least 4 digits (the keypad has digits only). Nothing was saved.</source>
        <translation>Un PIN tiene al menos 4 dígitos (el teclado solo tiene dígitos). No se guardó nada.</translation>
    </message>
    <message>
        <source>Saved. The new PIN is in force.</source>
        <translation>Guardado. El nuevo PIN ya está en vigor.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Operator PIN</source>
        <translation>PIN de operador</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN incorrecto. Inténtelo de nuevo.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. Inténtelo en %n segundo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. Inténtelo en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
</context>
<context>
    <name>PrintPort</name>
    <message>
        <source>No badge printer configured: choose one in Station settings.</source>
        <translation>No hay impresora de acreditaciones configurada: elija una en los ajustes del puesto.</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>hace {0} s</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>hace {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>hace {0} h</translation>
    </message>
    <message>
        <source>network printer {0}</source>
        <translation>impresora de red {0}</translation>
    </message>
    <message>
        <source>USB printer {0}</source>
        <translation>impresora USB {0}</translation>
    </message>
    <message>
        <source>PDF files in {0}</source>
        <translation>archivos PDF en {0}</translation>
    </message>
    <message>
        <source>system printer “{0}”</source>
        <translation>impresora del sistema «{0}»</translation>
    </message>
    <message>
        <source>serial printer {0}</source>
        <translation>impresora serie {0}</translation>
    </message>
    <message>
        <source>printer device {0}</source>
        <translation>dispositivo de impresora {0}</translation>
    </message>
    <message>
        <source>{0} is not answering</source>
        <translation>{0} no responde</translation>
    </message>
    <message>
        <source>{0} is not answering: {1}</source>
        <translation>{0} no responde: {1}</translation>
    </message>
    <message>
        <source>{0}: no badge printed yet</source>
        <translation>{0}: aún no se ha impreso ninguna acreditación</translation>
    </message>
    <message>
        <source>{0} ready, last badge {1}</source>
        <translation>{0} lista, última acreditación {1}</translation>
    </message>
    <message>
        <source>{0} ready</source>
        <translation>{0} lista</translation>
    </message>
    <message>
        <source>{0} — paper low, refill soon</source>
        <translation>{0} — queda poco papel, repóngalo pronto</translation>
    </message>
    <message>
        <source>{0} answers</source>
        <translation>{0} responde</translation>
    </message>
    <message>
        <source>Test badge sent, but the printer did not confirm it: {0}</source>
        <translation>Acreditación de prueba enviada, pero la impresora no la confirmó: {0}</translation>
    </message>
    <message>
        <source>Test badge not printed: {0}</source>
        <translation>Acreditación de prueba no impresa: {0}</translation>
    </message>
    <message>
        <source>Test badge printed on template &apos;{0}&apos; ({1})</source>
        <translation>Acreditación de prueba impresa con la plantilla «{0}» ({1})</translation>
    </message>
    <message>
        <source>Printer settings: {0}</source>
        <translation>Ajustes de impresora: {0}</translation>
    </message>
    <message>
        <source>Badge printer “{0}”: {1}</source>
        <translation>Impresora de acreditaciones «{0}»: {1}</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message>
        <source>it refused the connection: is it switched on, and is {0} its port?</source>
        <translation>rechaza la conexión: ¿está encendida y es {0} su puerto?</translation>
    </message>
    <message>
        <source>no answer within {0} s: is it switched on and on this network?</source>
        <translation>sin respuesta en {0} s: ¿está encendida y en esta red?</translation>
    </message>
    <message>
        <source>it cannot be reached ({0})</source>
        <translation>no se puede alcanzar ({0})</translation>
    </message>
    <message>
        <source>it took the connection but gave no answer within {0} s (busy or jammed?)</source>
        <translation>acepta la conexión pero no responde en {0} s (¿ocupada o atascada?)</translation>
    </message>
    <message>
        <source>it dropped the connection</source>
        <translation>cortó la conexión</translation>
    </message>
    <message>
        <source>its cover is open</source>
        <translation>la tapa está abierta</translation>
    </message>
    <message>
        <source>it is out of paper</source>
        <translation>se quedó sin papel</translation>
    </message>
    <message>
        <source>it reports an error (cutter jam or overheating?)</source>
        <translation>indica un error (¿cuchilla atascada o sobrecalentamiento?)</translation>
    </message>
    <message>
        <source>it is offline</source>
        <translation>está fuera de línea</translation>
    </message>
    <message>
        <source>it was not found: is it plugged in and switched on?</source>
        <translation>no se encuentra: ¿está conectada y encendida?</translation>
    </message>
    <message>
        <source>no permission to write {0} (is this user in the lp group?)</source>
        <translation>sin permiso para escribir en {0} (¿está este usuario en el grupo lp?)</translation>
    </message>
    <message>
        <source>cannot write {0} ({1})</source>
        <translation>no se puede escribir {0} ({1})</translation>
    </message>
    <message>
        <source>{0} is not complete on disk: the disk may be full</source>
        <translation>{0} no está completo en el disco: puede que esté lleno</translation>
    </message>
    <message>
        <source>this computer lacks the {0} package the printer needs</source>
        <translation>a este ordenador le falta el paquete {0} que necesita la impresora</translation>
    </message>
    <message>
        <source>{0} holds something else: a badge never overwrites it</source>
        <translation>{0} contiene otra cosa: una acreditación nunca lo sobrescribe</translation>
    </message>
    <message>
        <source>it is not an ESC/POS printer</source>
        <translation>no es una impresora ESC/POS</translation>
    </message>
    <message>
        <source>printing through CUPS is not installed on this computer (pycups)</source>
        <translation>la impresión mediante CUPS no está instalada en este ordenador (pycups)</translation>
    </message>
    <message>
        <source>the CUPS print service is not running on this computer</source>
        <translation>el servicio de impresión CUPS no está en marcha en este ordenador</translation>
    </message>
    <message>
        <source>CUPS did not answer ({0})</source>
        <translation>CUPS no respondió ({0})</translation>
    </message>
    <message>
        <source>CUPS has no printer named “{0}”</source>
        <translation>CUPS no tiene ninguna impresora llamada «{0}»</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is paused ({1})</source>
        <translation>la impresora CUPS «{0}» está en pausa ({1})</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is not accepting jobs ({1})</source>
        <translation>la impresora CUPS «{0}» no acepta trabajos ({1})</translation>
    </message>
    <message>
        <source>CUPS refused the badge ({0})</source>
        <translation>CUPS rechazó la acreditación ({0})</translation>
    </message>
    <message>
        <source>CUPS did not print the badge (job {0}: {1}); it was withdrawn</source>
        <translation>CUPS no imprimió la acreditación (trabajo {0}: {1}); se retiró</translation>
    </message>
    <message>
        <source>CUPS did not start the badge within {0} s; it was withdrawn</source>
        <translation>CUPS no empezó la acreditación en {0} s; se retiró</translation>
    </message>
    <message>
        <source>cancelled by an operator</source>
        <translation>cancelado por un operador</translation>
    </message>
    <message>
        <source>the printer did not confirm the badge: it may have printed</source>
        <translation>la impresora no confirmó la acreditación: puede que se haya impreso</translation>
    </message>
    <message>
        <source>the printer stopped mid-badge: part of it may have printed</source>
        <translation>la impresora se detuvo a mitad de la acreditación: puede que se imprimiera una parte</translation>
    </message>
</context>
<context>
    <name>ProvisionPanel</name>
    <message>
        <source>Downloading the guest list</source>
        <translation>Descargando la lista de invitados</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Subiendo</translation>
    </message>
    <message>
        <source>optional, e.g. main (default: the main entrance)</source>
        <translation>opcional, p. ej. main (por defecto: la entrada principal)</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nombre del puesto</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>Entrada / lista de registro</translation>
    </message>
    <message>
        <source>From the server: one-time token</source>
        <translation>Desde el servidor: token de un solo uso</translation>
    </message>
    <message>
        <source>paste, type or scan the token</source>
        <translation>pegue, escriba o escanee el token</translation>
    </message>
    <message>
        <source>Connect and download</source>
        <translation>Conectar y descargar</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Offline: bundle file (USB stick)</source>
        <translation>Sin conexión: archivo de paquete (memoria USB)</translation>
    </message>
    <message>
        <source>event.dlbundle</source>
        <translation>event.dlbundle</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>only for an encrypted bundle</source>
        <translation>solo para un paquete cifrado</translation>
    </message>
    <message>
        <source>Load bundle</source>
        <translation>Cargar paquete</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Archivo de paquete</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Provisioning bundle</source>
        <translation>Paquete de configuración</translation>
    </message>
    <message>
        <source>Token scanned. Check the server address, then Connect.</source>
        <translation>Token escaneado. Compruebe la dirección del servidor y conecte.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Conectando con {0}…</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>Leyendo {0}…</translation>
    </message>
    <message>
        <source>{0}: {1} of {2}…</source>
        <translation>{0}: {1} de {2}…</translation>
    </message>
    <message>
        <source>{0}: {1}…</source>
        <translation>{0}: {1}…</translation>
    </message>
    <message>
        <source>Station ready.</source>
        <translation>Puesto listo.</translation>
    </message>
    <message>
        <source>Provisioning failed: {0}</source>
        <translation>Falló la configuración: {0}</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest list synced {0} ago ({1})</source>
        <translation>Lista de invitados sincronizada hace {0} ({1})</translation>
    </message>
    <message>
        <source>Guest list provisioned {0} ago ({1})</source>
        <translation>Lista de invitados configurada hace {0} ({1})</translation>
    </message>
    <message>
        <source>Data age</source>
        <translation>Antigüedad de los datos</translation>
    </message>
    <message>
        <source>Sync now (Sync tab), or load a fresh bundle.</source>
        <translation>Sincronice ahora (pestaña Sincronización) o cargue un paquete nuevo.</translation>
    </message>
    <message>
        <source>Ticket keys</source>
        <translation>Claves de los tickets</translation>
    </message>
    <message numerus="yes">
        <source>%n verification key(s)</source>
        <translation>
            <numerusform>%n clave de verificación</numerusform>
            <numerusform>%n claves de verificación</numerusform>
        </translation>
    </message>
    <message>
        <source>Provision the station again: it holds no keys.</source>
        <translation>Vuelva a configurar el puesto: no tiene claves.</translation>
    </message>
    <message>
        <source>Station identity</source>
        <translation>Identidad del puesto</translation>
    </message>
    <message>
        <source>Only this folder uses this identity</source>
        <translation>Solo esta carpeta usa esta identidad</translation>
    </message>
    <message>
        <source>This station&apos;s identity is also used by another copy; {0} check-ins ({1} log entries) are not on the server</source>
        <translation>La identidad de este puesto también la usa una copia; {0} registros de entrada ({1} entradas del registro) no están en el servidor</translation>
    </message>
    <message>
        <source>Ask an operator for a new token and set this station up again with it: its check-ins then reach the server under a new identity.</source>
        <translation>Pida a un operador un token nuevo y vuelva a configurar este puesto con él: sus registros llegarán al servidor con una identidad nueva.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>PIN de operador</translation>
    </message>
    <message>
        <source>The event&apos;s operator PIN is known here</source>
        <translation>El PIN de operador del evento se conoce aquí</translation>
    </message>
    <message>
        <source>No operator PIN from the server: overrides and acknowledgements made here will be refused</source>
        <translation>No hay PIN de operador del servidor: las excepciones y confirmaciones hechas aquí serán rechazadas</translation>
    </message>
    <message>
        <source>Set one on the server, then sync.</source>
        <translation>Defina uno en el servidor y sincronice.</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Reloj</translation>
    </message>
    <message>
        <source>Laptop clock says {0}</source>
        <translation>El reloj del portátil marca {0}</translation>
    </message>
    <message>
        <source>Set the date and time.</source>
        <translation>Ajuste la fecha y la hora.</translation>
    </message>
    <message>
        <source>Laptop clock says {0} (not yet compared with a server)</source>
        <translation>El reloj del portátil marca {0} (aún sin comparar con un servidor)</translation>
    </message>
    <message>
        <source>Laptop clock: {0} (measured at the last sync, {1} ms)</source>
        <translation>Reloj del portátil: {0} (medido en la última sincronización, {1} ms)</translation>
    </message>
    <message>
        <source>Set the laptop&apos;s date and time, then sync again.</source>
        <translation>Ajuste la fecha y la hora del portátil y vuelva a sincronizar.</translation>
    </message>
    <message>
        <source>Within {0} of the server&apos;s clock</source>
        <translation>A menos de {0} del reloj del servidor</translation>
    </message>
    <message>
        <source>Plug in the webcam or choose another camera.</source>
        <translation>Conecte la webcam o elija otra cámara.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Sonidos</translation>
    </message>
    <message>
        <source>Verdict sounds are off (Settings)</source>
        <translation>Los sonidos de veredicto están desactivados (Ajustes)</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no sound player ({0}) is installed</source>
        <translation>«Reproducir sonidos de veredicto» está activado, pero no hay ningún reproductor de audio ({0}) instalado</translation>
    </message>
    <message>
        <source>Install one ({0}), or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>Instale uno ({0}) o desactive los sonidos en Ajustes; la tarjeta de veredicto sigue diciéndolo todo.</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no audio device was found ({0} is ready)</source>
        <translation>«Reproducir sonidos de veredicto» está activado, pero no se encontró ningún dispositivo de audio ({0} está listo)</translation>
    </message>
    <message>
        <source>Plug in speakers or a USB sound card, or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>Conecte altavoces o una tarjeta de sonido USB, o desactive los sonidos en Ajustes; la tarjeta de veredicto sigue diciéndolo todo.</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <source>No badge printer: this door prints no badges</source>
        <translation>Sin impresora de acreditaciones: esta entrada no imprime acreditaciones</translation>
    </message>
    <message>
        <source>Set a badge printer in Station settings.</source>
        <translation>Elija una impresora de acreditaciones en los ajustes del puesto.</translation>
    </message>
    <message>
        <source>Switch the printer on, check its cable or network, then Printers → Check.</source>
        <translation>Encienda la impresora, revise el cable o la red y luego Impresoras → Comprobar.</translation>
    </message>
    <message>
        <source>Test scan</source>
        <translation>Escaneo de prueba</translation>
    </message>
    <message>
        <source>No tickets on this station.</source>
        <translation>No hay tickets en este puesto.</translation>
    </message>
    <message>
        <source>Sync or provision.</source>
        <translation>Sincronice o configure el puesto.</translation>
    </message>
    <message>
        <source>Choose another code reader in Settings.</source>
        <translation>Elija otro lector de códigos en Ajustes.</translation>
    </message>
    <message>
        <source>A ticket code was read back correctly</source>
        <translation>Un código de ticket se leyó correctamente</translation>
    </message>
    <message>
        <source>The code read back differs</source>
        <translation>El código leído es distinto</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Impresión de prueba</translation>
    </message>
    <message>
        <source>Skipped: no badge printer</source>
        <translation>Omitido: sin impresora de acreditaciones</translation>
    </message>
    <message>
        <source>Check the printer&apos;s paper and settings, then run the checks again.</source>
        <translation>Revise el papel y los ajustes de la impresora y vuelva a ejecutar las comprobaciones.</translation>
    </message>
    <message>
        <source>The code reader found no code in a clean test picture.</source>
        <translation>El lector no encontró ningún código en una imagen de prueba limpia.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Genuine ticket, not on this station&apos;s list yet (verified offline)</source>
        <translation>Ticket auténtico, aún no está en la lista de este puesto (verificado sin conexión)</translation>
    </message>
    <message>
        <source>Cancelled: {0}</source>
        <translation>Cancelado: {0}</translation>
    </message>
    <message>
        <source>Send them to the box office to pay</source>
        <translation>Envíela a la taquilla para pagar</translation>
    </message>
    <message>
        <source>Valid from {0}</source>
        <translation>Válido desde {0}</translation>
    </message>
    <message>
        <source>Was valid until {0}</source>
        <translation>Era válido hasta {0}</translation>
    </message>
    <message>
        <source>Not valid at {0}</source>
        <translation>No válido en {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser: {0}</source>
        <translation>Marcado por el organizador: {0}</translation>
    </message>
    <message>
        <source>Genuine ticket, but not on this station&apos;s list</source>
        <translation>Ticket auténtico, pero no está en la lista de este puesto</translation>
    </message>
    <message>
        <source>Genuine ticket, not on the list yet: the first download is not complete</source>
        <translation>Ticket auténtico, aún no está en la lista: la primera descarga no ha terminado</translation>
    </message>
    <message>
        <source>Unexpected characters</source>
        <translation>Caracteres inesperados</translation>
    </message>
    <message>
        <source>Wrong format or version</source>
        <translation>Formato o versión incorrectos</translation>
    </message>
    <message>
        <source>Damaged or incomplete</source>
        <translation>Dañado o incompleto</translation>
    </message>
    <message>
        <source>Wrong length</source>
        <translation>Longitud incorrecta</translation>
    </message>
    <message>
        <source>This ticket is for event {0}</source>
        <translation>Este ticket es para el evento {0}</translation>
    </message>
    <message>
        <source>Signed with key {0}, which this station does not hold</source>
        <translation>Firmado con la clave {0}, que este puesto no tiene</translation>
    </message>
    <message>
        <source>The signature does not match</source>
        <translation>La firma no coincide</translation>
    </message>
    <message>
        <source>Supervisor override: {0}</source>
        <translation>Autorización del supervisor: {0}</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Deshecho: {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser</source>
        <translation>Marcado por el organizador</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Name or confirmation code</source>
        <translation>Nombre o código de confirmación</translation>
    </message>
    <message>
        <source>Check in selected person</source>
        <translation>Registrar a la persona elegida</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <source>The camera read a ticket while you were searching.</source>
        <translation>La cámara leyó un ticket mientras buscaba.</translation>
    </message>
    <message>
        <source>Check that ticket</source>
        <translation>Comprobar ese ticket</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <source>Type part of a name, or a confirmation code.</source>
        <translation>Escriba parte de un nombre o un código de confirmación.</translation>
    </message>
    <message>
        <source>Search failed: {0}</source>
        <translation>Falló la búsqueda: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} shown — type more to narrow the list</source>
        <translation>{0} de {1} mostrados — escriba más para acotar la lista</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n encontrado</numerusform>
            <numerusform>%n encontrados</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <source>Doorline — set up this station</source>
        <translation>Doorline — configurar este puesto</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Configurar este puesto</translation>
    </message>
    <message>
        <source>This laptop is not set up for an event yet (no station in {0}). An operator sets it up with a one-time token from the server, or with a bundle file.</source>
        <translation>Este portátil aún no está configurado para ningún evento (no hay puesto en {0}). Un operador lo configura con un token de un solo uso del servidor o con un archivo de paquete.</translation>
    </message>
    <message>
        <source>Staff only: setting up needs the operator PIN.</source>
        <translation>Solo personal: la configuración requiere el PIN de operador.</translation>
    </message>
    <message>
        <source>Hold the token&apos;s QR code up to the camera</source>
        <translation>Muestre el código QR del token a la cámara</translation>
    </message>
    <message>
        <source>Scan the token&apos;s QR code with the camera</source>
        <translation>Escanear el código QR del token con la cámara</translation>
    </message>
    <message>
        <source>A USB hand scanner types the token straight into the Token field.</source>
        <translation>Un lector USB de mano escribe el token directamente en el campo Token.</translation>
    </message>
    <message>
        <source>Enter the operator PIN to set up this station.</source>
        <translation>Introduzca el PIN de operador para configurar este puesto.</translation>
    </message>
</context>
<context>
    <name>SetupWords</name>
    <message>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.10:8765</source>
        <translation>Escriba la dirección del servidor, p. ej. http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>Paste, type or scan the one-time token from the operator.</source>
        <translation>Pegue, escriba o escanee el token de un solo uso que le dio el operador.</translation>
    </message>
    <message>
        <source>Choose the bundle file first.</source>
        <translation>Elija primero el archivo de paquete.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder: choose a folder for the station&apos;s data. The token was not used.</source>
        <translation>{0} es un archivo, no una carpeta: elija una carpeta para los datos del puesto. El token no se ha usado.</translation>
    </message>
    <message>
        <source>Cannot write the station&apos;s data in {0} ({1}). The token was not used.</source>
        <translation>No se pueden escribir los datos del puesto en {0} ({1}). El token no se ha usado.</translation>
    </message>
    <message>
        <source>{0} already holds a station: start Doorline with an empty data folder to set up another one.</source>
        <translation>{0} ya contiene un puesto: inicie Doorline con una carpeta de datos vacía para configurar otro.</translation>
    </message>
    <message>
        <source>The server refused this token: it is unknown, has expired or was already used. Ask the operator for a new one.</source>
        <translation>El servidor rechazó este token: es desconocido, ha caducado o ya se usó. Pida uno nuevo al operador.</translation>
    </message>
    <message>
        <source>This event has no gate “{0}”. The token was not used: correct the gate and try again.</source>
        <translation>Este evento no tiene ninguna entrada «{0}». El token no se ha usado: corrija la entrada y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The server at {0} does not answer. Check the address and the network, then try again with the same token.</source>
        <translation>El servidor en {0} no responde. Revise la dirección y la red y vuelva a intentarlo con el mismo token.</translation>
    </message>
    <message>
        <source>The server could not set this station up ({0}). Try again with the same token.</source>
        <translation>El servidor no pudo configurar este puesto ({0}). Vuelva a intentarlo con el mismo token.</translation>
    </message>
    <message>
        <source>The station was set up, but reading the event failed. Try again to finish: the same token still works.</source>
        <translation>El puesto se configuró, pero falló la lectura del evento. Vuelva a intentarlo para terminar: el mismo token sigue valiendo.</translation>
    </message>
    <message>
        <source>The first download stopped: the server no longer answers. Try again to resume it.</source>
        <translation>La primera descarga se detuvo: el servidor ya no responde. Vuelva a intentarlo para reanudarla.</translation>
    </message>
    <message>
        <source>The first download failed ({0}). Try again to resume it.</source>
        <translation>La primera descarga falló ({0}). Vuelva a intentarlo para reanudarla.</translation>
    </message>
    <message>
        <source>The first download stopped: this laptop&apos;s disk is full. Free some space, then try again to resume it.</source>
        <translation>La primera descarga se detuvo: el disco de este portátil está lleno. Libere espacio y vuelva a intentarlo para reanudarla.</translation>
    </message>
    <message>
        <source>The bundle file cannot be read ({0}).</source>
        <translation>No se puede leer el archivo de paquete ({0}).</translation>
    </message>
    <message>
        <source>This bundle is encrypted: enter its passphrase.</source>
        <translation>Este paquete está cifrado: escriba su frase de contraseña.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the bundle was altered.</source>
        <translation>Frase de contraseña incorrecta, o el paquete se ha alterado.</translation>
    </message>
    <message>
        <source>This file is not a Doorline provisioning bundle.</source>
        <translation>Este archivo no es un paquete de configuración de Doorline.</translation>
    </message>
    <message>
        <source>The bundle is damaged or incomplete: copy it again.</source>
        <translation>El paquete está dañado o incompleto: vuelva a copiarlo.</translation>
    </message>
    <message>
        <source>The bundle cannot be used ({0}).</source>
        <translation>No se puede usar el paquete ({0}).</translation>
    </message>
</context>
<context>
    <name>StationNames</name>
    <message>
        <source>a station not known here (id {0})</source>
        <translation>un puesto desconocido aquí (id. {0})</translation>
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
        <translation>{0} no da imagen</translation>
    </message>
    <message>
        <source>camera {0}</source>
        <translation>cámara {0}</translation>
    </message>
    <message>
        <source>video {0}</source>
        <translation>vídeo {0}</translation>
    </message>
    <message>
        <source>pictures in {0}</source>
        <translation>imágenes en {0}</translation>
    </message>
    <message>
        <source>Enter the operator PIN.</source>
        <translation>Introduzca el PIN de operador.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>hace {0} s</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>hace {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>hace {0} h</translation>
    </message>
    <message>
        <source>● Offline station (no server)</source>
        <translation>● Puesto sin conexión (sin servidor)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Sincronizando…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ Sin conexión — el escaneo sigue funcionando</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Última sincr.: {0}</translation>
    </message>
    <message>
        <source>To upload: {0}</source>
        <translation>Por subir: {0}</translation>
    </message>
    <message>
        <source>Inside now: {0}</source>
        <translation>Dentro ahora: {0}</translation>
    </message>
    <message>
        <source>Admitted today: {0}</source>
        <translation>Admitidos hoy: {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>Rechazados: {0}</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>This station was set up without a server: it has nothing to sync.</source>
        <translation>Esta estación se configuró sin servidor: no tiene nada que sincronizar.</translation>
    </message>
    <message>
        <source>{0} is not a server address: set the station up again.</source>
        <translation>{0} no es una dirección de servidor: vuelva a configurar la estación.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {0}. Scanning still works; sync retries.</source>
        <translation>No se puede contactar con el servidor en {0}. El escaneo sigue funcionando; la sincronización lo reintenta.</translation>
    </message>
    <message>
        <source>The server at {0} did not answer in time. Sync retries.</source>
        <translation>El servidor en {0} no respondió a tiempo. La sincronización lo reintenta.</translation>
    </message>
    <message>
        <source>The server at {0} took too long; this sync round stopped and retries.</source>
        <translation>El servidor en {0} tardó demasiado; esta ronda de sincronización se detuvo y se reintentará.</translation>
    </message>
    <message>
        <source>The server refused this station ({0}): its access was revoked or is for another event. Set the station up again.</source>
        <translation>El servidor rechazó esta estación ({0}): su acceso se revocó o es de otro evento. Vuelva a configurar la estación.</translation>
    </message>
    <message>
        <source>The server refused a request ({0}). Sync retries.</source>
        <translation>El servidor rechazó una petición ({0}). La sincronización lo reintenta.</translation>
    </message>
    <message>
        <source>The server had an error ({0}). Sync retries.</source>
        <translation>El servidor tuvo un error ({0}). La sincronización lo reintenta.</translation>
    </message>
    <message>
        <source>The server sent an answer this station cannot read; nothing was stored.</source>
        <translation>El servidor envió una respuesta que esta estación no puede leer; no se guardó nada.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than {0} MB; it was not read.</source>
        <translation>La respuesta del servidor supera {0} MB; no se leyó.</translation>
    </message>
    <message>
        <source>The server accepted none of the uploaded entries. Sync retries.</source>
        <translation>El servidor no aceptó ninguna de las entradas enviadas. La sincronización lo reintenta.</translation>
    </message>
    <message>
        <source>The server had more after {0} pages; the next sync round continues.</source>
        <translation>El servidor tenía más tras {0} páginas; la próxima ronda de sincronización continúa.</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly (details in the log). Sync retries.</source>
        <translation>La sincronización falló de forma inesperada (detalles en el registro). Se reintenta.</translation>
    </message>
    <message>
        <source>Sync failed (details in the log).</source>
        <translation>La sincronización falló (detalles en el registro).</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>space</source>
        <translation>espacio</translation>
    </message>
    <message>
        <source>Hide ⌄</source>
        <translation>Ocultar ⌄</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Welcome — admitted</source>
        <translation>Bienvenido — admitido</translation>
    </message>
    <message>
        <source>Exit recorded</source>
        <translation>Salida registrada</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Ya registrado</translation>
    </message>
    <message>
        <source>Not a ticket code</source>
        <translation>No es un código de ticket</translation>
    </message>
    <message>
        <source>Forged or damaged ticket</source>
        <translation>Ticket falsificado o dañado</translation>
    </message>
    <message>
        <source>Ticket signed with an unknown key</source>
        <translation>Ticket firmado con una clave desconocida</translation>
    </message>
    <message>
        <source>Ticket for another event</source>
        <translation>Ticket de otro evento</translation>
    </message>
    <message>
        <source>Ticket not valid yet</source>
        <translation>Ticket aún no válido</translation>
    </message>
    <message>
        <source>Ticket expired</source>
        <translation>Ticket caducado</translation>
    </message>
    <message>
        <source>Ticket cancelled</source>
        <translation>Ticket cancelado</translation>
    </message>
    <message>
        <source>Wrong entrance for this ticket</source>
        <translation>Entrada equivocada para este ticket</translation>
    </message>
    <message>
        <source>Ticket not on the guest list</source>
        <translation>Ticket no está en la lista</translation>
    </message>
    <message>
        <source>Please call a supervisor</source>
        <translation>Llame a un supervisor</translation>
    </message>
    <message>
        <source>Not paid yet</source>
        <translation>Aún no pagada</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>hace {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>hace {0} h</translation>
    </message>
    <message>
        <source>at {0} ({1})</source>
        <translation>a las {0} ({1})</translation>
    </message>
    <message>
        <source>another entrance</source>
        <translation>otra entrada</translation>
    </message>
    <message>
        <source>First checked in {0} at {1}</source>
        <translation>Registrado por primera vez {0} en {1}</translation>
    </message>
    <message>
        <source>Tap to continue</source>
        <translation>Toque para continuar</translation>
    </message>
    <message>
        <source>Verified offline</source>
        <translation>Verificado sin conexión</translation>
    </message>
</context>
</TS>
