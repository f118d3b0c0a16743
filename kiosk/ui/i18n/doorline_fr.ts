<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The new station cannot be opened: {0}</source>
        <translation>Le nouveau poste ne peut pas être ouvert : {0}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting camera…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
</context>
<context>
    <name>CameraWords</name>
    <message>
        <source>camera {0}</source>
        <translation>caméra {0}</translation>
    </message>
    <message>
        <source>No camera found ({0}). Check that the webcam is plugged in, or choose another camera in Settings.</source>
        <translation>Aucune caméra trouvée ({0}). Vérifiez que la webcam est branchée ou choisissez une autre caméra dans les réglages.</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures. Check its cable, or restart it.</source>
        <translation>La caméra n&apos;envoie plus d&apos;images. Vérifiez son câble ou redémarrez-la.</translation>
    </message>
    <message>
        <source>The picture source cannot be opened: {0}</source>
        <translation>Impossible d&apos;ouvrir la source d&apos;images : {0}</translation>
    </message>
    <message>
        <source>The code reader cannot start: {0} Choose another one in Settings.</source>
        <translation>Le lecteur de codes ne démarre pas : {0} Choisissez-en un autre dans les réglages.</translation>
    </message>
    <message>
        <source>The code reader cannot read every code format in use: {0}</source>
        <translation>Le lecteur ne sait pas lire tous les formats de code utilisés : {0}</translation>
    </message>
</context>
<context>
    <name>ClockWords</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
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
        <translation>en avance de {0} sur l&apos;horloge du serveur</translation>
    </message>
    <message>
        <source>{0} behind the server&apos;s clock</source>
        <translation>en retard de {0} sur l&apos;horloge du serveur</translation>
    </message>
    <message>
        <source>This laptop&apos;s clock is {0}. Scans are stamped with the server&apos;s time; set the laptop&apos;s date and time.</source>
        <translation>L&apos;horloge de cet ordinateur est {0}. Les scans sont horodatés à l&apos;heure du serveur ; réglez la date et l&apos;heure de l&apos;ordinateur.</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>Doorline — door station</source>
        <translation>Doorline — poste d&apos;entrée</translation>
    </message>
    <message>
        <source>Ready. Point a ticket at the camera.</source>
        <translation>Prêt. Présentez un billet à la caméra.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>↶ Undo</source>
        <translation>↶ Annuler</translation>
    </message>
    <message>
        <source>⚙ Operator</source>
        <translation>⚙ Opérateur</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: only this station&apos;s own last scan of the last %n minute(s) can be undone.</source>
        <translation>
            <numerusform>Rien à annuler : seul le dernier scan de ce poste de la dernière %n minute peut être annulé.</numerusform>
            <numerusform>Rien à annuler : seul le dernier scan de ce poste des %n dernières minutes peut être annulé.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo the exit of {0} {1}?</source>
        <translation>Annuler la sortie de {0} {1} ?</translation>
    </message>
    <message>
        <source>Undo the check-in of {0} {1}?</source>
        <translation>Annuler l&apos;enregistrement de {0} {1} ?</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Undo it</source>
        <translation>Annuler l&apos;entrée</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Conserver</translation>
    </message>
    <message>
        <source>Undone: {0}, {1}.</source>
        <translation>Annulé : {0}, {1}.</translation>
    </message>
    <message>
        <source>Scan not recorded: {0}</source>
        <translation>Scan non enregistré : {0}</translation>
    </message>
    <message>
        <source>Printer: badge not queued ({0}). Scanning continues.</source>
        <translation>Imprimante : badge non mis en file ({0}). Le scan continue.</translation>
    </message>
    <message>
        <source>No camera picture: {0}</source>
        <translation>Pas d&apos;image de la caméra : {0}</translation>
    </message>
    <message>
        <source>No camera picture. Looking for the camera again…</source>
        <translation>Pas d&apos;image de la caméra. Nouvelle recherche de la caméra…</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>Pas d&apos;image de la caméra</translation>
    </message>
    <message>
        <source>Counters not updated: {0}</source>
        <translation>Compteurs non mis à jour : {0}</translation>
    </message>
    <message>
        <source>Sync and printer status unknown: {0}</source>
        <translation>État de la synchro et de l&apos;imprimante inconnu : {0}</translation>
    </message>
    <message>
        <source>Printer: {0} Scanning continues.</source>
        <translation>Imprimante : {0} Le scan continue.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) wait in the queue.</source>
        <translation>
            <numerusform>%n badge attend dans la file.</numerusform>
            <numerusform>%n badges attendent dans la file.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer: a badge was sent but not confirmed ({0}). Operator → Printers to confirm or reprint.</source>
        <translation>Imprimante : un badge a été envoyé sans confirmation ({0}). Opérateur → Imprimantes pour confirmer ou réimprimer.</translation>
    </message>
    <message>
        <source>Printer: badge not printed ({0}). Operator → Printers to retry.</source>
        <translation>Imprimante : badge non imprimé ({0}). Opérateur → Imprimantes pour réessayer.</translation>
    </message>
    <message>
        <source>({0} in all)</source>
        <translation>({0} au total)</translation>
    </message>
    <message>
        <source>Printer: badge failed ({0}); retrying.</source>
        <translation>Imprimante : échec du badge ({0}) ; nouvel essai.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Please see the desk</source>
        <translation>Veuillez vous adresser à l&apos;accueil</translation>
    </message>
    <message>
        <source>This ticket has already been used to check in.</source>
        <translation>Ce billet a déjà servi à l&apos;enregistrement.</translation>
    </message>
    <message>
        <source>A member of staff needs to help you with this ticket.</source>
        <translation>Un membre du personnel doit vous aider avec ce billet.</translation>
    </message>
    <message>
        <source>This ticket is checked in at another entrance.</source>
        <translation>Ce billet s&apos;enregistre à une autre entrée.</translation>
    </message>
    <message>
        <source>This ticket has been cancelled.</source>
        <translation>Ce billet a été annulé.</translation>
    </message>
    <message>
        <source>This ticket is no longer valid.</source>
        <translation>Ce billet n&apos;est plus valable.</translation>
    </message>
    <message>
        <source>This ticket is not valid yet.</source>
        <translation>Ce billet n&apos;est pas encore valable.</translation>
    </message>
    <message>
        <source>We could not read this ticket.</source>
        <translation>Nous n&apos;avons pas pu lire ce billet.</translation>
    </message>
    <message>
        <source>This ticket is not paid yet. The box office can help you.</source>
        <translation>Ce billet n’est pas encore payé. La billetterie peut vous aider.</translation>
    </message>
    <message>
        <source>This kiosk cannot save check-ins right now, so you are not checked in yet.</source>
        <translation>Cette borne ne peut pas enregistrer pour le moment : vous n&apos;êtes pas encore enregistré.</translation>
    </message>
    <message>
        <source>Something went wrong at this kiosk.</source>
        <translation>Un problème est survenu sur cette borne.</translation>
    </message>
    <message>
        <source>Doorline — self check-in</source>
        <translation>Doorline — enregistrement libre-service</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personnel</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Find my ticket</source>
        <translation>Trouver mon billet</translation>
    </message>
    <message>
        <source>Scan your ticket or tap to find it</source>
        <translation>Scannez votre billet ou touchez pour le trouver</translation>
    </message>
    <message>
        <source>Tap the button to find your ticket</source>
        <translation>Touchez le bouton pour trouver votre billet</translation>
    </message>
    <message>
        <source>e.g. K7M2P9XA</source>
        <translation>ex. K7M2P9XA</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Nom de famille</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>Find by code</source>
        <translation>Trouver par code</translation>
    </message>
    <message>
        <source>Find by name</source>
        <translation>Trouver par nom</translation>
    </message>
    <message>
        <source>Your confirmation code</source>
        <translation>Votre code de confirmation</translation>
    </message>
    <message>
        <source>Or your surname and e-mail</source>
        <translation>Ou votre nom et votre e-mail</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Find your ticket</source>
        <translation>Trouver votre billet</translation>
    </message>
    <message>
        <source>Several tickets are booked under this name. Which are yours?</source>
        <translation>Plusieurs billets sont réservés à ce nom. Lesquels sont les vôtres ?</translation>
    </message>
    <message>
        <source>None of these</source>
        <translation>Aucun de ceux-ci</translation>
    </message>
    <message>
        <source>Is this you?</source>
        <translation>Est-ce bien vous ?</translation>
    </message>
    <message>
        <source>Yes, print my badge</source>
        <translation>Oui, imprimer mon badge</translation>
    </message>
    <message>
        <source>No, that&apos;s not me</source>
        <translation>Non, ce n&apos;est pas moi</translation>
    </message>
    <message>
        <source>Printing your badge…</source>
        <translation>Impression de votre badge…</translation>
    </message>
    <message>
        <source>Take your badge</source>
        <translation>Prenez votre badge</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>We could not find a ticket with those details. Check them, or see the desk.</source>
        <translation>Aucun billet ne correspond à ces informations. Vérifiez-les ou adressez-vous à l&apos;accueil.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0} at {1}.</source>
        <translation>Ce billet a déjà été enregistré {0} à {1}.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0}.</source>
        <translation>Ce billet a déjà été enregistré {0}.</translation>
    </message>
    <message>
        <source>{0} — already checked in</source>
        <translation>{0} — déjà enregistré</translation>
    </message>
    <message numerus="yes">
        <source>All of us (%n ticket(s))</source>
        <translation>
            <numerusform>Nous tous (%n billet)</numerusform>
            <numerusform>Nous tous (%n billets)</numerusform>
        </translation>
    </message>
    <message>
        <source>Badges for:</source>
        <translation>Badges pour :</translation>
    </message>
    <message numerus="yes">
        <source>Yes, print %n badge(s)</source>
        <translation>
            <numerusform>Oui, imprimer %n badge</numerusform>
            <numerusform>Oui, imprimer %n badges</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome, {0}!</source>
        <translation>Bienvenue, {0} !</translation>
    </message>
    <message numerus="yes">
        <source>Take your badge(s)</source>
        <translation>
            <numerusform>Prenez votre badge</numerusform>
            <numerusform>Prenez vos badges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printing your badge(s)…</source>
        <translation>
            <numerusform>Impression de votre badge…</numerusform>
            <numerusform>Impression de vos badges…</numerusform>
        </translation>
    </message>
    <message>
        <source>You are checked in. Your badge was printed earlier; the desk can print another one.</source>
        <translation>Vous êtes enregistré. Votre badge a déjà été imprimé ; l&apos;accueil peut en imprimer un autre.</translation>
    </message>
    <message>
        <source>You are checked in, but your badge could not be printed.</source>
        <translation>Vous êtes enregistré, mais votre badge n&apos;a pas pu être imprimé.</translation>
    </message>
    <message>
        <source>You are checked in. The printer did not confirm your badge.</source>
        <translation>Vous êtes enregistré. L&apos;imprimante n&apos;a pas confirmé votre badge.</translation>
    </message>
    <message>
        <source>You are checked in. Your badge is still waiting for the printer.</source>
        <translation>Vous êtes enregistré. Votre badge attend encore l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Your badge is next in line…</source>
        <translation>Votre badge est le suivant…</translation>
    </message>
    <message>
        <source>Staff only: enter the operator PIN.</source>
        <translation>Réservé au personnel : saisissez le code PIN opérateur.</translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message>
        <source>single entry</source>
        <translation>entrée unique</translation>
    </message>
    <message>
        <source>re-entry after an exit</source>
        <translation>nouvelle entrée après une sortie</translation>
    </message>
    <message>
        <source>any number of entries</source>
        <translation>entrées illimitées</translation>
    </message>
    <message>
        <source>once per day</source>
        <translation>une fois par jour</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>printing…</source>
        <translation>impression…</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ imprimé</translation>
    </message>
    <message>
        <source>✖ failed, retrying</source>
        <translation>✖ échec, nouvel essai</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ échec</translation>
    </message>
    <message>
        <source>? sent, unconfirmed: check the printer</source>
        <translation>? envoyé, non confirmé : vérifiez l&apos;imprimante</translation>
    </message>
    <message>
        <source>{0} (reprint)</source>
        <translation>{0} (réimpression)</translation>
    </message>
    <message>
        <source>every ticket type</source>
        <translation>tous les types de billet</translation>
    </message>
    <message>
        <source>no ticket types</source>
        <translation>aucun type de billet</translation>
    </message>
    <message>
        <source>new tickets not yet synced: admitted (verified offline)</source>
        <translation>nouveaux billets pas encore synchronisés : admis (vérifiés hors ligne)</translation>
    </message>
    <message>
        <source>new tickets not yet synced: refused</source>
        <translation>nouveaux billets pas encore synchronisés : refusés</translation>
    </message>
    <message>
        <source>Doorline — operator</source>
        <translation>Doorline — opérateur</translation>
    </message>
    <message>
        <source>Ready for doors</source>
        <translation>Prêt pour l&apos;ouverture</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchro</translation>
    </message>
    <message>
        <source>Printers &amp;&amp; queue</source>
        <translation>Imprimantes &amp;&amp; file</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Back to the door</source>
        <translation>Retour à l&apos;entrée</translation>
    </message>
    <message>
        <source>Quit Doorline</source>
        <translation>Quitter Doorline</translation>
    </message>
    <message>
        <source>That did not work: {0}</source>
        <translation>Cela n&apos;a pas fonctionné : {0}</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Constaté</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>Run all checks (includes a test scan and a test print)</source>
        <translation>Lancer tous les contrôles (avec scan et impression de test)</translation>
    </message>
    <message>
        <source>✔ OK</source>
        <translation>✔ OK</translation>
    </message>
    <message>
        <source>✖ FIX</source>
        <translation>✖ À CORRIGER</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>The station syncs by itself every few seconds while the server answers; offline, it keeps scanning and uploads everything later. Sync now pushes this station&apos;s entries and pulls tickets, revocations and other doors&apos; scans.</source>
        <translation>Le poste se synchronise seul toutes les quelques secondes tant que le serveur répond ; hors ligne, il continue de scanner et envoie tout plus tard. « Synchroniser maintenant » envoie les entrées de ce poste et récupère billets, révocations et scans des autres entrées.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchro</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>En attente d&apos;envoi</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <source>● Offline station (provisioned from a bundle)</source>
        <translation>● Poste hors ligne (installé depuis un paquet)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Synchronisation…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ Hors ligne — le scan fonctionne</translation>
    </message>
    <message numerus="yes">
        <source>%n log entry(ies)</source>
        <translation>
            <numerusform>%n entrée de journal</numerusform>
            <numerusform>%n entrées de journal</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Not on the server</source>
        <translation>Absent du serveur</translation>
    </message>
    <message>
        <source>Entry #{0} ({1}): {2}</source>
        <translation>Entrée n° {0} ({1}) : {2}</translation>
    </message>
    <message>
        <source>Check printer now</source>
        <translation>Vérifier l&apos;imprimante</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>En file à</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Billet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Essais</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Réessayer la sélection</translation>
    </message>
    <message>
        <source>Retry all failed</source>
        <translation>Réessayer tous les échecs</translation>
    </message>
    <message>
        <source>It printed</source>
        <translation>Imprimé</translation>
    </message>
    <message>
        <source>For a badge sent but not confirmed by the printer: you saw it come out.</source>
        <translation>Pour un badge envoyé mais non confirmé par l’imprimante : vous l’avez vu sortir.</translation>
    </message>
    <message>
        <source>Reprint selected badge</source>
        <translation>Réimprimer le badge choisi</translation>
    </message>
    <message>
        <source>or a ticket number</source>
        <translation>ou un numéro de billet</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Réimprimer</translation>
    </message>
    <message>
        <source>Each badge prints once. A reprint is an operator&apos;s choice and is logged on the station as a reprint.</source>
        <translation>Chaque badge s&apos;imprime une fois. Une réimpression est un choix de l&apos;opérateur, journalisé sur le poste.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) waiting</source>
        <translation>
            <numerusform>%n badge en attente</numerusform>
            <numerusform>%n badges en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>Interrogation de l&apos;imprimante…</translation>
    </message>
    <message>
        <source>Select a failed badge first.</source>
        <translation>Choisissez d&apos;abord un badge en échec.</translation>
    </message>
    <message>
        <source>Retrying the badge.</source>
        <translation>Nouvel essai du badge.</translation>
    </message>
    <message>
        <source>Select a badge marked &apos;sent, unconfirmed&apos; first.</source>
        <translation>Sélectionnez d’abord un badge marqué « envoyé, non confirmé ».</translation>
    </message>
    <message>
        <source>Badge confirmed as printed (logged).</source>
        <translation>Badge confirmé comme imprimé (journalisé).</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed badge(s).</source>
        <translation>
            <numerusform>Nouvel essai de %n badge en échec.</numerusform>
            <numerusform>Nouvel essai de %n badges en échec.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the badge to reprint first.</source>
        <translation>Choisissez d&apos;abord le badge à réimprimer.</translation>
    </message>
    <message>
        <source>Type the ticket number to reprint.</source>
        <translation>Saisissez le numéro du billet à réimprimer.</translation>
    </message>
    <message>
        <source>Reprint of ticket {0} queued (logged as a reprint).</source>
        <translation>Réimpression du billet {0} en file (journalisée).</translation>
    </message>
    <message>
        <source>First admitted</source>
        <translation>Première entrée</translation>
    </message>
    <message>
        <source>Admitted again</source>
        <translation>Entré à nouveau</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Note, e.g. checked ID: same person</source>
        <translation>Note, ex. pièce d&apos;identité vérifiée : même personne</translation>
    </message>
    <message>
        <source>Acknowledge selected</source>
        <translation>Accuser réception</translation>
    </message>
    <message>
        <source>The same single-entry ticket admitted twice with no exit between. Acknowledging is logged on this station and reaches the server with the next sync.</source>
        <translation>Le même billet à entrée unique admis deux fois sans sortie entre les deux. L&apos;accusé est journalisé sur ce poste et part au serveur à la prochaine synchro.</translation>
    </message>
    <message>
        <source>Select a conflict first.</source>
        <translation>Choisissez d&apos;abord un conflit.</translation>
    </message>
    <message>
        <source>acknowledged by an operator</source>
        <translation>accusé par un opérateur</translation>
    </message>
    <message>
        <source>Conflict acknowledged; the note goes to the server with the next sync.</source>
        <translation>Conflit accusé ; la note part au serveur à la prochaine synchro.</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>✔ acknowledged</source>
        <translation>✔ accusé</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>Conflicts ({0})</source>
        <translation>Conflits ({0})</translation>
    </message>
    <message>
        <source>none: provisioned from a bundle file (offline)</source>
        <translation>aucun : installé depuis un fichier paquet (hors ligne)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>Guest list</source>
        <translation>Liste des invités</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n billet</numerusform>
            <numerusform>%n billets</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier de données</translation>
    </message>
    <message>
        <source>Station id (for the command line)</source>
        <translation>Identifiant du poste (pour la ligne de commande)</translation>
    </message>
    <message>
        <source>This station is provisioned. To set this laptop up for another event or as another station, start Doorline with an empty data folder:
    doorline kiosk --data-dir NEW_FOLDER
It opens the set-up screen (one-time token or bundle file).</source>
        <translation>Ce poste est installé. Pour préparer cet ordinateur pour un autre événement ou comme autre poste, lancez Doorline avec un dossier de données vide :
    doorline kiosk --data-dir NOUVEAU_DOSSIER
L&apos;écran d&apos;installation s&apos;ouvre (jeton à usage unique ou fichier paquet).</translation>
    </message>
    <message>
        <source>Door station (staff)</source>
        <translation>Poste d&apos;entrée (personnel)</translation>
    </message>
    <message>
        <source>Self check-in kiosk</source>
        <translation>Borne d&apos;enregistrement libre-service</translation>
    </message>
    <message>
        <source>Play verdict sounds</source>
        <translation>Jouer les sons de verdict</translation>
    </message>
    <message>
        <source>leave empty to keep the PIN</source>
        <translation>laisser vide pour garder le code PIN</translation>
    </message>
    <message>
        <source>the new PIN again</source>
        <translation>le nouveau code PIN à nouveau</translation>
    </message>
    <message>
        <source>Save (camera, printer, gate and language apply after a restart)</source>
        <translation>Enregistrer (caméra, imprimante, entrée et langue après redémarrage)</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>Entrée / liste d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Camera (index, video or folder)</source>
        <translation>Caméra (numéro, vidéo ou dossier)</translation>
    </message>
    <message>
        <source>Code reader</source>
        <translation>Lecteur de codes</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>Imprimante de badges</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Sons</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>New operator PIN</source>
        <translation>Nouveau code PIN opérateur</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>Répétez le nouveau code PIN</translation>
    </message>
    <message>
        <source>The operator PIN is the event&apos;s, set on the server; this station learns a new one with its next sync.</source>
        <translation>Le code PIN opérateur est celui de l&apos;événement, défini sur le serveur ; ce poste apprend un nouveau code à sa prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Code PIN opérateur</translation>
    </message>
    <message>
        <source>The two new PINs differ: type the new PIN twice. Nothing was saved.</source>
        <translation>Les deux nouveaux codes PIN diffèrent : saisissez deux fois le nouveau code. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>A PIN is at least 4 digits (the keypad has digits only). Nothing was saved.</source>
        <translation>Un code PIN compte au moins 4 chiffres (le clavier n&apos;a que des chiffres). Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>Saved. The new PIN is in force.</source>
        <translation>Enregistré. Le nouveau code PIN est actif.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Operator PIN</source>
        <translation>Code PIN opérateur</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>Code PIN erroné. Réessayez.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Trop de codes PIN erronés. Réessayez dans %n seconde.</numerusform>
            <numerusform>Trop de codes PIN erronés. Réessayez dans %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Vous pouvez réessayer maintenant.</translation>
    </message>
</context>
<context>
    <name>PrintPort</name>
    <message>
        <source>No badge printer configured: choose one in Station settings.</source>
        <translation>Aucune imprimante de badges configurée : choisissez-en une dans les réglages du poste.</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>il y a {0} s</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>il y a {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>il y a {0} h</translation>
    </message>
    <message>
        <source>network printer {0}</source>
        <translation>imprimante réseau {0}</translation>
    </message>
    <message>
        <source>USB printer {0}</source>
        <translation>imprimante USB {0}</translation>
    </message>
    <message>
        <source>PDF files in {0}</source>
        <translation>fichiers PDF dans {0}</translation>
    </message>
    <message>
        <source>system printer “{0}”</source>
        <translation>imprimante système « {0} »</translation>
    </message>
    <message>
        <source>serial printer {0}</source>
        <translation>imprimante série {0}</translation>
    </message>
    <message>
        <source>printer device {0}</source>
        <translation>périphérique d&apos;impression {0}</translation>
    </message>
    <message>
        <source>{0} is not answering</source>
        <translation>{0} ne répond pas</translation>
    </message>
    <message>
        <source>{0} is not answering: {1}</source>
        <translation>{0} ne répond pas : {1}</translation>
    </message>
    <message>
        <source>{0}: no badge printed yet</source>
        <translation>{0} : aucun badge imprimé pour l&apos;instant</translation>
    </message>
    <message>
        <source>{0} ready, last badge {1}</source>
        <translation>{0} prête, dernier badge {1}</translation>
    </message>
    <message>
        <source>{0} ready</source>
        <translation>{0} prête</translation>
    </message>
    <message>
        <source>{0} — paper low, refill soon</source>
        <translation>{0} — papier bientôt épuisé, rechargez-le</translation>
    </message>
    <message>
        <source>{0} answers</source>
        <translation>{0} répond</translation>
    </message>
    <message>
        <source>Test badge sent, but the printer did not confirm it: {0}</source>
        <translation>Badge de test envoyé, mais l&apos;imprimante ne l&apos;a pas confirmé : {0}</translation>
    </message>
    <message>
        <source>Test badge not printed: {0}</source>
        <translation>Badge de test non imprimé : {0}</translation>
    </message>
    <message>
        <source>Test badge printed on template &apos;{0}&apos; ({1})</source>
        <translation>Badge de test imprimé avec le modèle « {0} » ({1})</translation>
    </message>
    <message>
        <source>Printer settings: {0}</source>
        <translation>Réglages de l&apos;imprimante : {0}</translation>
    </message>
    <message>
        <source>Badge printer “{0}”: {1}</source>
        <translation>Imprimante de badges « {0} » : {1}</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message>
        <source>it refused the connection: is it switched on, and is {0} its port?</source>
        <translation>il refuse la connexion : est-elle allumée, et {0} est-il bien son port ?</translation>
    </message>
    <message>
        <source>no answer within {0} s: is it switched on and on this network?</source>
        <translation>pas de réponse en {0} s : est-elle allumée et sur ce réseau ?</translation>
    </message>
    <message>
        <source>it cannot be reached ({0})</source>
        <translation>elle est injoignable ({0})</translation>
    </message>
    <message>
        <source>it took the connection but gave no answer within {0} s (busy or jammed?)</source>
        <translation>elle accepte la connexion mais ne répond pas en {0} s (occupée ou bourrage ?)</translation>
    </message>
    <message>
        <source>it dropped the connection</source>
        <translation>elle a coupé la connexion</translation>
    </message>
    <message>
        <source>its cover is open</source>
        <translation>son capot est ouvert</translation>
    </message>
    <message>
        <source>it is out of paper</source>
        <translation>elle n’a plus de papier</translation>
    </message>
    <message>
        <source>it reports an error (cutter jam or overheating?)</source>
        <translation>elle signale une erreur (massicot bloqué ou surchauffe ?)</translation>
    </message>
    <message>
        <source>it is offline</source>
        <translation>elle est hors ligne</translation>
    </message>
    <message>
        <source>it was not found: is it plugged in and switched on?</source>
        <translation>elle est introuvable : est-elle branchée et allumée ?</translation>
    </message>
    <message>
        <source>no permission to write {0} (is this user in the lp group?)</source>
        <translation>pas le droit d’écrire dans {0} (cet utilisateur est-il dans le groupe lp ?)</translation>
    </message>
    <message>
        <source>cannot write {0} ({1})</source>
        <translation>impossible d’écrire {0} ({1})</translation>
    </message>
    <message>
        <source>{0} is not complete on disk: the disk may be full</source>
        <translation>{0} est incomplet sur le disque : il est peut-être plein</translation>
    </message>
    <message>
        <source>this computer lacks the {0} package the printer needs</source>
        <translation>il manque à cet ordinateur le paquet {0} dont l’imprimante a besoin</translation>
    </message>
    <message>
        <source>{0} holds something else: a badge never overwrites it</source>
        <translation>{0} contient autre chose : un badge ne l’écrase jamais</translation>
    </message>
    <message>
        <source>it is not an ESC/POS printer</source>
        <translation>ce n’est pas une imprimante ESC/POS</translation>
    </message>
    <message>
        <source>printing through CUPS is not installed on this computer (pycups)</source>
        <translation>l’impression via CUPS n’est pas installée sur cet ordinateur (pycups)</translation>
    </message>
    <message>
        <source>the CUPS print service is not running on this computer</source>
        <translation>le service d’impression CUPS ne tourne pas sur cet ordinateur</translation>
    </message>
    <message>
        <source>CUPS did not answer ({0})</source>
        <translation>CUPS n’a pas répondu ({0})</translation>
    </message>
    <message>
        <source>CUPS has no printer named “{0}”</source>
        <translation>CUPS n’a aucune imprimante nommée « {0} »</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is paused ({1})</source>
        <translation>l’imprimante CUPS « {0} » est en pause ({1})</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is not accepting jobs ({1})</source>
        <translation>l’imprimante CUPS « {0} » n’accepte pas de travaux ({1})</translation>
    </message>
    <message>
        <source>CUPS refused the badge ({0})</source>
        <translation>CUPS a refusé le badge ({0})</translation>
    </message>
    <message>
        <source>CUPS did not print the badge (job {0}: {1}); it was withdrawn</source>
        <translation>CUPS n’a pas imprimé le badge (travail {0} : {1}) ; il a été retiré</translation>
    </message>
    <message>
        <source>CUPS did not start the badge within {0} s; it was withdrawn</source>
        <translation>CUPS n’a pas commencé le badge en {0} s ; il a été retiré</translation>
    </message>
    <message>
        <source>cancelled by an operator</source>
        <translation>annulé par un opérateur</translation>
    </message>
    <message>
        <source>the printer did not confirm the badge: it may have printed</source>
        <translation>l’imprimante n’a pas confirmé le badge : il est peut-être sorti</translation>
    </message>
    <message>
        <source>the printer stopped mid-badge: part of it may have printed</source>
        <translation>l’imprimante s’est arrêtée en plein badge : une partie est peut-être sortie</translation>
    </message>
</context>
<context>
    <name>ProvisionPanel</name>
    <message>
        <source>Downloading the guest list</source>
        <translation>Téléchargement de la liste des invités</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>optional, e.g. main (default: the main entrance)</source>
        <translation>facultatif, ex. main (par défaut : l&apos;entrée principale)</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Nom du poste</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>Entrée / liste d&apos;enregistrement</translation>
    </message>
    <message>
        <source>From the server: one-time token</source>
        <translation>Depuis le serveur : jeton à usage unique</translation>
    </message>
    <message>
        <source>paste, type or scan the token</source>
        <translation>collez, tapez ou scannez le jeton</translation>
    </message>
    <message>
        <source>Connect and download</source>
        <translation>Connecter et télécharger</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Offline: bundle file (USB stick)</source>
        <translation>Hors ligne : fichier paquet (clé USB)</translation>
    </message>
    <message>
        <source>event.dlbundle</source>
        <translation>event.dlbundle</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>only for an encrypted bundle</source>
        <translation>seulement pour un paquet chiffré</translation>
    </message>
    <message>
        <source>Load bundle</source>
        <translation>Charger le paquet</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Fichier paquet</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Provisioning bundle</source>
        <translation>Paquet d&apos;installation</translation>
    </message>
    <message>
        <source>Token scanned. Check the server address, then Connect.</source>
        <translation>Jeton scanné. Vérifiez l&apos;adresse du serveur, puis connectez.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Connexion à {0}…</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>Lecture de {0}…</translation>
    </message>
    <message>
        <source>{0}: {1} of {2}…</source>
        <translation>{0} : {1} sur {2}…</translation>
    </message>
    <message>
        <source>{0}: {1}…</source>
        <translation>{0} : {1}…</translation>
    </message>
    <message>
        <source>Station ready.</source>
        <translation>Poste prêt.</translation>
    </message>
    <message>
        <source>Provisioning failed: {0}</source>
        <translation>Échec de l&apos;installation : {0}</translation>
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
            <numerusform>%n billet</numerusform>
            <numerusform>%n billets</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest list synced {0} ago ({1})</source>
        <translation>Liste des invités synchronisée il y a {0} ({1})</translation>
    </message>
    <message>
        <source>Guest list provisioned {0} ago ({1})</source>
        <translation>Liste des invités installée il y a {0} ({1})</translation>
    </message>
    <message>
        <source>Data age</source>
        <translation>Âge des données</translation>
    </message>
    <message>
        <source>Sync now (Sync tab), or load a fresh bundle.</source>
        <translation>Synchronisez maintenant (onglet Synchro) ou chargez un paquet récent.</translation>
    </message>
    <message>
        <source>Ticket keys</source>
        <translation>Clés des billets</translation>
    </message>
    <message numerus="yes">
        <source>%n verification key(s)</source>
        <translation>
            <numerusform>%n clé de vérification</numerusform>
            <numerusform>%n clés de vérification</numerusform>
        </translation>
    </message>
    <message>
        <source>Provision the station again: it holds no keys.</source>
        <translation>Réinstallez le poste : il ne contient aucune clé.</translation>
    </message>
    <message>
        <source>Station identity</source>
        <translation>Identité du poste</translation>
    </message>
    <message>
        <source>Only this folder uses this identity</source>
        <translation>Seul ce dossier utilise cette identité</translation>
    </message>
    <message>
        <source>This station&apos;s identity is also used by another copy; {0} check-ins ({1} log entries) are not on the server</source>
        <translation>L&apos;identité de ce poste est aussi utilisée par une copie ; {0} enregistrements ({1} entrées du journal) ne sont pas sur le serveur</translation>
    </message>
    <message>
        <source>Ask an operator for a new token and set this station up again with it: its check-ins then reach the server under a new identity.</source>
        <translation>Demandez un nouveau jeton à un opérateur et réinstallez ce poste avec : ses enregistrements atteignent alors le serveur sous une nouvelle identité.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Code PIN opérateur</translation>
    </message>
    <message>
        <source>The event&apos;s operator PIN is known here</source>
        <translation>Le code PIN opérateur de l&apos;événement est connu ici</translation>
    </message>
    <message>
        <source>No operator PIN from the server: overrides and acknowledgements made here will be refused</source>
        <translation>Aucun code PIN opérateur du serveur : les dérogations et acquittements faits ici seront refusés</translation>
    </message>
    <message>
        <source>Set one on the server, then sync.</source>
        <translation>Définissez-en un sur le serveur, puis synchronisez.</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Laptop clock says {0}</source>
        <translation>L&apos;horloge de l&apos;ordinateur indique {0}</translation>
    </message>
    <message>
        <source>Set the date and time.</source>
        <translation>Réglez la date et l&apos;heure.</translation>
    </message>
    <message>
        <source>Laptop clock says {0} (not yet compared with a server)</source>
        <translation>L&apos;horloge de l&apos;ordinateur indique {0} (pas encore comparée à un serveur)</translation>
    </message>
    <message>
        <source>Laptop clock: {0} (measured at the last sync, {1} ms)</source>
        <translation>Horloge de l&apos;ordinateur : {0} (mesuré à la dernière synchro, {1} ms)</translation>
    </message>
    <message>
        <source>Set the laptop&apos;s date and time, then sync again.</source>
        <translation>Réglez la date et l&apos;heure de l&apos;ordinateur, puis synchronisez de nouveau.</translation>
    </message>
    <message>
        <source>Within {0} of the server&apos;s clock</source>
        <translation>À {0} près de l&apos;horloge du serveur</translation>
    </message>
    <message>
        <source>Plug in the webcam or choose another camera.</source>
        <translation>Branchez la webcam ou choisissez une autre caméra.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Caméra</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Sons</translation>
    </message>
    <message>
        <source>Verdict sounds are off (Settings)</source>
        <translation>Les sons de verdict sont coupés (Réglages)</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no sound player ({0}) is installed</source>
        <translation>« Jouer les sons de verdict » est activé, mais aucun lecteur audio ({0}) n&apos;est installé</translation>
    </message>
    <message>
        <source>Install one ({0}), or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>Installez-en un ({0}) ou coupez les sons dans les réglages ; la carte de verdict dit tout quand même.</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no audio device was found ({0} is ready)</source>
        <translation>« Jouer les sons de verdict » est activé, mais aucun périphérique audio n&apos;a été trouvé ({0} est prêt)</translation>
    </message>
    <message>
        <source>Plug in speakers or a USB sound card, or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>Branchez des haut-parleurs ou une carte son USB, ou coupez les sons dans les réglages ; la carte de verdict dit tout quand même.</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Imprimante</translation>
    </message>
    <message>
        <source>No badge printer: this door prints no badges</source>
        <translation>Pas d&apos;imprimante de badges : cette entrée n&apos;imprime pas de badges</translation>
    </message>
    <message>
        <source>Set a badge printer in Station settings.</source>
        <translation>Choisissez une imprimante de badges dans les réglages du poste.</translation>
    </message>
    <message>
        <source>Switch the printer on, check its cable or network, then Printers → Check.</source>
        <translation>Allumez l&apos;imprimante, vérifiez son câble ou le réseau, puis Imprimantes → Vérifier.</translation>
    </message>
    <message>
        <source>Test scan</source>
        <translation>Scan de test</translation>
    </message>
    <message>
        <source>No tickets on this station.</source>
        <translation>Aucun billet sur ce poste.</translation>
    </message>
    <message>
        <source>Sync or provision.</source>
        <translation>Synchronisez ou installez le poste.</translation>
    </message>
    <message>
        <source>Choose another code reader in Settings.</source>
        <translation>Choisissez un autre lecteur de codes dans les réglages.</translation>
    </message>
    <message>
        <source>A ticket code was read back correctly</source>
        <translation>Un code de billet a été relu correctement</translation>
    </message>
    <message>
        <source>The code read back differs</source>
        <translation>Le code relu est différent</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Impression de test</translation>
    </message>
    <message>
        <source>Skipped: no badge printer</source>
        <translation>Ignoré : pas d&apos;imprimante de badges</translation>
    </message>
    <message>
        <source>Check the printer&apos;s paper and settings, then run the checks again.</source>
        <translation>Vérifiez le papier et les réglages de l&apos;imprimante, puis relancez les contrôles.</translation>
    </message>
    <message>
        <source>The code reader found no code in a clean test picture.</source>
        <translation>Le lecteur n&apos;a trouvé aucun code dans une image de test nette.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Genuine ticket, not on this station&apos;s list yet (verified offline)</source>
        <translation>Billet authentique, pas encore sur la liste de ce poste (vérifié hors ligne)</translation>
    </message>
    <message>
        <source>Cancelled: {0}</source>
        <translation>Annulé : {0}</translation>
    </message>
    <message>
        <source>Send them to the box office to pay</source>
        <translation>Envoyez la personne à la billetterie pour payer</translation>
    </message>
    <message>
        <source>Valid from {0}</source>
        <translation>Valable à partir du {0}</translation>
    </message>
    <message>
        <source>Was valid until {0}</source>
        <translation>Était valable jusqu&apos;au {0}</translation>
    </message>
    <message>
        <source>Not valid at {0}</source>
        <translation>Non valable pour {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser: {0}</source>
        <translation>Signalé par l&apos;organisateur : {0}</translation>
    </message>
    <message>
        <source>Genuine ticket, but not on this station&apos;s list</source>
        <translation>Billet authentique, mais absent de la liste de ce poste</translation>
    </message>
    <message>
        <source>Genuine ticket, not on the list yet: the first download is not complete</source>
        <translation>Billet authentique, pas encore sur la liste : le premier téléchargement n&apos;est pas terminé</translation>
    </message>
    <message>
        <source>Unexpected characters</source>
        <translation>Caractères inattendus</translation>
    </message>
    <message>
        <source>Wrong format or version</source>
        <translation>Format ou version incorrects</translation>
    </message>
    <message>
        <source>Damaged or incomplete</source>
        <translation>Abîmé ou incomplet</translation>
    </message>
    <message>
        <source>Wrong length</source>
        <translation>Longueur incorrecte</translation>
    </message>
    <message>
        <source>This ticket is for event {0}</source>
        <translation>Ce billet est pour l&apos;événement {0}</translation>
    </message>
    <message>
        <source>Signed with key {0}, which this station does not hold</source>
        <translation>Signé avec la clé {0}, que ce poste ne possède pas</translation>
    </message>
    <message>
        <source>The signature does not match</source>
        <translation>La signature ne correspond pas</translation>
    </message>
    <message>
        <source>Supervisor override: {0}</source>
        <translation>Dérogation du superviseur : {0}</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>Annulé : {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser</source>
        <translation>Signalé par l&apos;organisateur</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Name or confirmation code</source>
        <translation>Nom ou code de confirmation</translation>
    </message>
    <message>
        <source>Check in selected person</source>
        <translation>Enregistrer la personne choisie</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Retour au scan</translation>
    </message>
    <message>
        <source>The camera read a ticket while you were searching.</source>
        <translation>La caméra a lu un billet pendant votre recherche.</translation>
    </message>
    <message>
        <source>Check that ticket</source>
        <translation>Vérifier ce billet</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Type part of a name, or a confirmation code.</source>
        <translation>Tapez une partie du nom ou un code de confirmation.</translation>
    </message>
    <message>
        <source>Search failed: {0}</source>
        <translation>Échec de la recherche : {0}</translation>
    </message>
    <message>
        <source>{0} of {1} shown — type more to narrow the list</source>
        <translation>{0} sur {1} affichés — tapez davantage pour affiner</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n trouvé</numerusform>
            <numerusform>%n trouvés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <source>Doorline — set up this station</source>
        <translation>Doorline — installer ce poste</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>Installer ce poste</translation>
    </message>
    <message>
        <source>This laptop is not set up for an event yet (no station in {0}). An operator sets it up with a one-time token from the server, or with a bundle file.</source>
        <translation>Cet ordinateur n&apos;est encore installé pour aucun événement (aucun poste dans {0}). Un opérateur l&apos;installe avec un jeton à usage unique du serveur ou un fichier paquet.</translation>
    </message>
    <message>
        <source>Staff only: setting up needs the operator PIN.</source>
        <translation>Réservé au personnel : l&apos;installation demande le code PIN opérateur.</translation>
    </message>
    <message>
        <source>Hold the token&apos;s QR code up to the camera</source>
        <translation>Présentez le QR code du jeton à la caméra</translation>
    </message>
    <message>
        <source>Scan the token&apos;s QR code with the camera</source>
        <translation>Scanner le QR code du jeton avec la caméra</translation>
    </message>
    <message>
        <source>A USB hand scanner types the token straight into the Token field.</source>
        <translation>Un lecteur USB à main saisit le jeton directement dans le champ Jeton.</translation>
    </message>
    <message>
        <source>Enter the operator PIN to set up this station.</source>
        <translation>Saisissez le code PIN opérateur pour installer ce poste.</translation>
    </message>
</context>
<context>
    <name>SetupWords</name>
    <message>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.10:8765</source>
        <translation>Saisissez l&apos;adresse du serveur, par ex. http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>Paste, type or scan the one-time token from the operator.</source>
        <translation>Collez, tapez ou scannez le jeton à usage unique fourni par l&apos;opérateur.</translation>
    </message>
    <message>
        <source>Choose the bundle file first.</source>
        <translation>Choisissez d&apos;abord le fichier paquet.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder: choose a folder for the station&apos;s data. The token was not used.</source>
        <translation>{0} est un fichier, pas un dossier : choisissez un dossier pour les données du poste. Le jeton n&apos;a pas été utilisé.</translation>
    </message>
    <message>
        <source>Cannot write the station&apos;s data in {0} ({1}). The token was not used.</source>
        <translation>Impossible d&apos;écrire les données du poste dans {0} ({1}). Le jeton n&apos;a pas été utilisé.</translation>
    </message>
    <message>
        <source>{0} already holds a station: start Doorline with an empty data folder to set up another one.</source>
        <translation>{0} contient déjà un poste : démarrez Doorline avec un dossier de données vide pour en installer un autre.</translation>
    </message>
    <message>
        <source>The server refused this token: it is unknown, has expired or was already used. Ask the operator for a new one.</source>
        <translation>Le serveur a refusé ce jeton : il est inconnu, expiré ou déjà utilisé. Demandez-en un nouveau à l&apos;opérateur.</translation>
    </message>
    <message>
        <source>This event has no gate “{0}”. The token was not used: correct the gate and try again.</source>
        <translation>Cet événement n&apos;a pas d&apos;entrée « {0} ». Le jeton n&apos;a pas été utilisé : corrigez l&apos;entrée et réessayez.</translation>
    </message>
    <message>
        <source>The server at {0} does not answer. Check the address and the network, then try again with the same token.</source>
        <translation>Le serveur à l&apos;adresse {0} ne répond pas. Vérifiez l&apos;adresse et le réseau, puis réessayez avec le même jeton.</translation>
    </message>
    <message>
        <source>The server could not set this station up ({0}). Try again with the same token.</source>
        <translation>Le serveur n&apos;a pas pu installer ce poste ({0}). Réessayez avec le même jeton.</translation>
    </message>
    <message>
        <source>The station was set up, but reading the event failed. Try again to finish: the same token still works.</source>
        <translation>Le poste a été installé, mais la lecture de l&apos;événement a échoué. Réessayez pour terminer : le même jeton fonctionne encore.</translation>
    </message>
    <message>
        <source>The first download stopped: the server no longer answers. Try again to resume it.</source>
        <translation>Le premier téléchargement s&apos;est arrêté : le serveur ne répond plus. Réessayez pour le reprendre.</translation>
    </message>
    <message>
        <source>The first download failed ({0}). Try again to resume it.</source>
        <translation>Le premier téléchargement a échoué ({0}). Réessayez pour le reprendre.</translation>
    </message>
    <message>
        <source>The first download stopped: this laptop&apos;s disk is full. Free some space, then try again to resume it.</source>
        <translation>Le premier téléchargement s&apos;est arrêté : le disque de cet ordinateur est plein. Libérez de la place, puis réessayez pour le reprendre.</translation>
    </message>
    <message>
        <source>The bundle file cannot be read ({0}).</source>
        <translation>Le fichier paquet est illisible ({0}).</translation>
    </message>
    <message>
        <source>This bundle is encrypted: enter its passphrase.</source>
        <translation>Ce paquet est chiffré : saisissez sa phrase secrète.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the bundle was altered.</source>
        <translation>Phrase secrète incorrecte, ou le paquet a été modifié.</translation>
    </message>
    <message>
        <source>This file is not a Doorline provisioning bundle.</source>
        <translation>Ce fichier n&apos;est pas un paquet d&apos;installation Doorline.</translation>
    </message>
    <message>
        <source>The bundle is damaged or incomplete: copy it again.</source>
        <translation>Le paquet est abîmé ou incomplet : copiez-le de nouveau.</translation>
    </message>
    <message>
        <source>The bundle cannot be used ({0}).</source>
        <translation>Le paquet est inutilisable ({0}).</translation>
    </message>
</context>
<context>
    <name>StationNames</name>
    <message>
        <source>a station not known here (id {0})</source>
        <translation>un poste inconnu ici (identifiant {0})</translation>
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
        <translation>{0} ne donne aucune image</translation>
    </message>
    <message>
        <source>camera {0}</source>
        <translation>caméra {0}</translation>
    </message>
    <message>
        <source>video {0}</source>
        <translation>vidéo {0}</translation>
    </message>
    <message>
        <source>pictures in {0}</source>
        <translation>images dans {0}</translation>
    </message>
    <message>
        <source>Enter the operator PIN.</source>
        <translation>Saisissez le code PIN opérateur.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>il y a {0} s</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>il y a {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>il y a {0} h</translation>
    </message>
    <message>
        <source>● Offline station (no server)</source>
        <translation>● Poste hors ligne (sans serveur)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ Synchronisation…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ Hors ligne — le scan fonctionne</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Dernière synchro : {0}</translation>
    </message>
    <message>
        <source>To upload: {0}</source>
        <translation>À envoyer : {0}</translation>
    </message>
    <message>
        <source>Inside now: {0}</source>
        <translation>Présents : {0}</translation>
    </message>
    <message>
        <source>Admitted today: {0}</source>
        <translation>Entrés aujourd&apos;hui : {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>Refusés : {0}</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>This station was set up without a server: it has nothing to sync.</source>
        <translation>Ce poste a été configuré sans serveur : il n’a rien à synchroniser.</translation>
    </message>
    <message>
        <source>{0} is not a server address: set the station up again.</source>
        <translation>{0} n’est pas une adresse de serveur : configurez à nouveau le poste.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {0}. Scanning still works; sync retries.</source>
        <translation>Le serveur {0} est injoignable. Le scan fonctionne toujours ; la synchronisation réessaie.</translation>
    </message>
    <message>
        <source>The server at {0} did not answer in time. Sync retries.</source>
        <translation>Le serveur {0} n’a pas répondu à temps. La synchronisation réessaie.</translation>
    </message>
    <message>
        <source>The server at {0} took too long; this sync round stopped and retries.</source>
        <translation>Le serveur {0} a mis trop de temps ; cette synchronisation s’est arrêtée et reprendra.</translation>
    </message>
    <message>
        <source>The server refused this station ({0}): its access was revoked or is for another event. Set the station up again.</source>
        <translation>Le serveur a refusé ce poste ({0}) : son accès a été révoqué ou concerne un autre événement. Configurez à nouveau le poste.</translation>
    </message>
    <message>
        <source>The server refused a request ({0}). Sync retries.</source>
        <translation>Le serveur a refusé une requête ({0}). La synchronisation réessaie.</translation>
    </message>
    <message>
        <source>The server had an error ({0}). Sync retries.</source>
        <translation>Le serveur a rencontré une erreur ({0}). La synchronisation réessaie.</translation>
    </message>
    <message>
        <source>The server sent an answer this station cannot read; nothing was stored.</source>
        <translation>Le serveur a envoyé une réponse illisible pour ce poste ; rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than {0} MB; it was not read.</source>
        <translation>La réponse du serveur dépasse {0} Mo ; elle n’a pas été lue.</translation>
    </message>
    <message>
        <source>The server accepted none of the uploaded entries. Sync retries.</source>
        <translation>Le serveur n’a accepté aucune des entrées envoyées. La synchronisation réessaie.</translation>
    </message>
    <message>
        <source>The server had more after {0} pages; the next sync round continues.</source>
        <translation>Le serveur avait encore des données après {0} pages ; la prochaine synchronisation continue.</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly (details in the log). Sync retries.</source>
        <translation>La synchronisation a échoué de façon inattendue (détails dans le journal). Elle réessaie.</translation>
    </message>
    <message>
        <source>Sync failed (details in the log).</source>
        <translation>La synchronisation a échoué (détails dans le journal).</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>space</source>
        <translation>espace</translation>
    </message>
    <message>
        <source>Hide ⌄</source>
        <translation>Masquer ⌄</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Welcome — admitted</source>
        <translation>Bienvenue — entrée validée</translation>
    </message>
    <message>
        <source>Exit recorded</source>
        <translation>Sortie enregistrée</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Déjà enregistré</translation>
    </message>
    <message>
        <source>Not a ticket code</source>
        <translation>Pas un code de billet</translation>
    </message>
    <message>
        <source>Forged or damaged ticket</source>
        <translation>Billet falsifié ou abîmé</translation>
    </message>
    <message>
        <source>Ticket signed with an unknown key</source>
        <translation>Billet signé avec une clé inconnue</translation>
    </message>
    <message>
        <source>Ticket for another event</source>
        <translation>Billet pour un autre événement</translation>
    </message>
    <message>
        <source>Ticket not valid yet</source>
        <translation>Billet pas encore valable</translation>
    </message>
    <message>
        <source>Ticket expired</source>
        <translation>Billet expiré</translation>
    </message>
    <message>
        <source>Ticket cancelled</source>
        <translation>Billet annulé</translation>
    </message>
    <message>
        <source>Wrong entrance for this ticket</source>
        <translation>Mauvaise entrée pour ce billet</translation>
    </message>
    <message>
        <source>Ticket not on the guest list</source>
        <translation>Billet absent de la liste</translation>
    </message>
    <message>
        <source>Please call a supervisor</source>
        <translation>Appelez un superviseur</translation>
    </message>
    <message>
        <source>Not paid yet</source>
        <translation>Pas encore payé</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>il y a {0} min</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>il y a {0} h</translation>
    </message>
    <message>
        <source>at {0} ({1})</source>
        <translation>à {0} ({1})</translation>
    </message>
    <message>
        <source>another entrance</source>
        <translation>une autre entrée</translation>
    </message>
    <message>
        <source>First checked in {0} at {1}</source>
        <translation>Premier enregistrement {0} à {1}</translation>
    </message>
    <message>
        <source>Tap to continue</source>
        <translation>Touchez pour continuer</translation>
    </message>
    <message>
        <source>Verified offline</source>
        <translation>Vérifié hors ligne</translation>
    </message>
</context>
</TS>
