<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The new station cannot be opened: {0}</source>
        <translation>تعذّر فتح المحطة الجديدة: {0}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide</source>
        <translation>إخفاء</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting camera…</source>
        <translation>جارٍ تشغيل الكاميرا…</translation>
    </message>
</context>
<context>
    <name>CameraWords</name>
    <message>
        <source>camera {0}</source>
        <translation>الكاميرا {0}</translation>
    </message>
    <message>
        <source>No camera found ({0}). Check that the webcam is plugged in, or choose another camera in Settings.</source>
        <translation>لم يُعثر على كاميرا ({0}). تأكّد من توصيل كاميرا الويب أو اختر كاميرا أخرى من الإعدادات.</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures. Check its cable, or restart it.</source>
        <translation>توقفت الكاميرا عن إرسال الصور. افحص كابلها أو أعد تشغيلها.</translation>
    </message>
    <message>
        <source>The picture source cannot be opened: {0}</source>
        <translation>تعذّر فتح مصدر الصور: {0}</translation>
    </message>
    <message>
        <source>The code reader cannot start: {0} Choose another one in Settings.</source>
        <translation>تعذّر تشغيل قارئ الرموز: {0} اختر قارئاً آخر من الإعدادات.</translation>
    </message>
    <message>
        <source>The code reader cannot read every code format in use: {0}</source>
        <translation>لا يستطيع القارئ قراءة كل صيغ الرموز المستخدمة: {0}</translation>
    </message>
</context>
<context>
    <name>ClockWords</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>أقل من يوم</numerusform>
            <numerusform>يوم واحد</numerusform>
            <numerusform>يومان</numerusform>
            <numerusform>%n أيام</numerusform>
            <numerusform>%n يوماً</numerusform>
            <numerusform>%n يوم</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} س</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} د</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} ث</translation>
    </message>
    <message>
        <source>{0} ahead of the server&apos;s clock</source>
        <translation>متقدمة {0} عن ساعة الخادم</translation>
    </message>
    <message>
        <source>{0} behind the server&apos;s clock</source>
        <translation>متأخرة {0} عن ساعة الخادم</translation>
    </message>
    <message>
        <source>This laptop&apos;s clock is {0}. Scans are stamped with the server&apos;s time; set the laptop&apos;s date and time.</source>
        <translation>ساعة هذا الحاسوب {0}. تُختم عمليات المسح بتوقيت الخادم؛ اضبط تاريخ الحاسوب ووقته.</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>Doorline — door station</source>
        <translation>Doorline — محطة الدخول</translation>
    </message>
    <message>
        <source>Ready. Point a ticket at the camera.</source>
        <translation>جاهز. وجّه التذكرة نحو الكاميرا.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>دخول</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>↶ Undo</source>
        <translation>↶ تراجع</translation>
    </message>
    <message>
        <source>⚙ Operator</source>
        <translation>⚙ المشغّل</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: only this station&apos;s own last scan of the last %n minute(s) can be undone.</source>
        <translation>
            <numerusform>لا شيء للتراجع عنه: يمكن التراجع فقط عن آخر مسح لهذه المحطة خلال آخر %n دقيقة.</numerusform>
            <numerusform>لا شيء للتراجع عنه: يمكن التراجع فقط عن آخر مسح لهذه المحطة خلال آخر دقيقة.</numerusform>
            <numerusform>لا شيء للتراجع عنه: يمكن التراجع فقط عن آخر مسح لهذه المحطة خلال آخر دقيقتين.</numerusform>
            <numerusform>لا شيء للتراجع عنه: يمكن التراجع فقط عن آخر مسح لهذه المحطة خلال آخر %n دقائق.</numerusform>
            <numerusform>لا شيء للتراجع عنه: يمكن التراجع فقط عن آخر مسح لهذه المحطة خلال آخر %n دقيقة.</numerusform>
            <numerusform>لا شيء للتراجع عنه: يمكن التراجع فقط عن آخر مسح لهذه المحطة خلال آخر %n دقيقة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo the exit of {0} {1}?</source>
        <translation>التراجع عن خروج {0} {1}؟</translation>
    </message>
    <message>
        <source>Undo the check-in of {0} {1}?</source>
        <translation>التراجع عن تسجيل {0} {1}؟</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Undo it</source>
        <translation>تراجع عنه</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>إبقاؤه</translation>
    </message>
    <message>
        <source>Undone: {0}, {1}.</source>
        <translation>تم التراجع: {0}، {1}.</translation>
    </message>
    <message>
        <source>Scan not recorded: {0}</source>
        <translation>لم يُسجَّل المسح: {0}</translation>
    </message>
    <message>
        <source>Printer: badge not queued ({0}). Scanning continues.</source>
        <translation>الطابعة: لم تُضف البطاقة إلى القائمة ({0}). يستمر المسح.</translation>
    </message>
    <message>
        <source>No camera picture: {0}</source>
        <translation>لا توجد صورة من الكاميرا: {0}</translation>
    </message>
    <message>
        <source>No camera picture. Looking for the camera again…</source>
        <translation>لا توجد صورة من الكاميرا. جارٍ البحث عن الكاميرا مجدداً…</translation>
    </message>
    <message>
        <source>No camera picture</source>
        <translation>لا توجد صورة من الكاميرا</translation>
    </message>
    <message>
        <source>Counters not updated: {0}</source>
        <translation>لم تُحدَّث العدادات: {0}</translation>
    </message>
    <message>
        <source>Sync and printer status unknown: {0}</source>
        <translation>حالة المزامنة والطابعة غير معروفة: {0}</translation>
    </message>
    <message>
        <source>Printer: {0} Scanning continues.</source>
        <translation>الطابعة: {0} يستمر المسح.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) wait in the queue.</source>
        <translation>
            <numerusform>لا توجد بطاقات في قائمة الانتظار.</numerusform>
            <numerusform>بطاقة واحدة في قائمة الانتظار.</numerusform>
            <numerusform>بطاقتان في قائمة الانتظار.</numerusform>
            <numerusform>%n بطاقات في قائمة الانتظار.</numerusform>
            <numerusform>%n بطاقة في قائمة الانتظار.</numerusform>
            <numerusform>%n بطاقة في قائمة الانتظار.</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer: a badge was sent but not confirmed ({0}). Operator → Printers to confirm or reprint.</source>
        <translation>الطابعة: أُرسلت بطاقة دون تأكيد ({0}). المشغّل ← الطابعات للتأكيد أو إعادة الطباعة.</translation>
    </message>
    <message>
        <source>Printer: badge not printed ({0}). Operator → Printers to retry.</source>
        <translation>الطابعة: لم تُطبع البطاقة ({0}). المشغّل ← الطابعات لإعادة المحاولة.</translation>
    </message>
    <message>
        <source>({0} in all)</source>
        <translation>({0} إجمالاً)</translation>
    </message>
    <message>
        <source>Printer: badge failed ({0}); retrying.</source>
        <translation>الطابعة: فشلت البطاقة ({0})؛ جارٍ إعادة المحاولة.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Please see the desk</source>
        <translation>يرجى التوجه إلى مكتب الاستقبال</translation>
    </message>
    <message>
        <source>This ticket has already been used to check in.</source>
        <translation>تم استخدام هذه التذكرة للتسجيل من قبل.</translation>
    </message>
    <message>
        <source>A member of staff needs to help you with this ticket.</source>
        <translation>يحتاج أحد الموظفين إلى مساعدتك بشأن هذه التذكرة.</translation>
    </message>
    <message>
        <source>This ticket is checked in at another entrance.</source>
        <translation>يتم تسجيل هذه التذكرة عند مدخل آخر.</translation>
    </message>
    <message>
        <source>This ticket has been cancelled.</source>
        <translation>تم إلغاء هذه التذكرة.</translation>
    </message>
    <message>
        <source>This ticket is no longer valid.</source>
        <translation>هذه التذكرة لم تعد صالحة.</translation>
    </message>
    <message>
        <source>This ticket is not valid yet.</source>
        <translation>هذه التذكرة ليست صالحة بعد.</translation>
    </message>
    <message>
        <source>We could not read this ticket.</source>
        <translation>تعذّرت علينا قراءة هذه التذكرة.</translation>
    </message>
    <message>
        <source>This ticket is not paid yet. The box office can help you.</source>
        <translation>لم يتم دفع ثمن هذه التذكرة بعد. يمكن لشباك التذاكر مساعدتك.</translation>
    </message>
    <message>
        <source>This kiosk cannot save check-ins right now, so you are not checked in yet.</source>
        <translation>لا يستطيع هذا الكشك حفظ التسجيلات الآن، لذا لم يتم تسجيلك بعد.</translation>
    </message>
    <message>
        <source>Something went wrong at this kiosk.</source>
        <translation>حدث خطأ ما في هذا الكشك.</translation>
    </message>
    <message>
        <source>Doorline — self check-in</source>
        <translation>Doorline — تسجيل ذاتي</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>الموظفون</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>أهلاً وسهلاً</translation>
    </message>
    <message>
        <source>Find my ticket</source>
        <translation>ابحث عن تذكرتي</translation>
    </message>
    <message>
        <source>Scan your ticket or tap to find it</source>
        <translation>امسح تذكرتك ضوئياً أو المس للبحث عنها</translation>
    </message>
    <message>
        <source>Tap the button to find your ticket</source>
        <translation>المس الزر للبحث عن تذكرتك</translation>
    </message>
    <message>
        <source>e.g. K7M2P9XA</source>
        <translation>مثال: K7M2P9XA</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>اسم العائلة</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Find by code</source>
        <translation>ابحث بالرمز</translation>
    </message>
    <message>
        <source>Find by name</source>
        <translation>ابحث بالاسم</translation>
    </message>
    <message>
        <source>Your confirmation code</source>
        <translation>رمز التأكيد الخاص بك</translation>
    </message>
    <message>
        <source>Or your surname and e-mail</source>
        <translation>أو اسم العائلة والبريد الإلكتروني</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Find your ticket</source>
        <translation>ابحث عن تذكرتك</translation>
    </message>
    <message>
        <source>Several tickets are booked under this name. Which are yours?</source>
        <translation>هناك عدة تذاكر محجوزة بهذا الاسم. أيّها لك؟</translation>
    </message>
    <message>
        <source>None of these</source>
        <translation>لا شيء منها</translation>
    </message>
    <message>
        <source>Is this you?</source>
        <translation>هل هذا أنت؟</translation>
    </message>
    <message>
        <source>Yes, print my badge</source>
        <translation>نعم، اطبع بطاقتي</translation>
    </message>
    <message>
        <source>No, that&apos;s not me</source>
        <translation>لا، هذا ليس أنا</translation>
    </message>
    <message>
        <source>Printing your badge…</source>
        <translation>جارٍ طباعة بطاقتك…</translation>
    </message>
    <message>
        <source>Take your badge</source>
        <translation>خذ بطاقتك</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>حسناً</translation>
    </message>
    <message>
        <source>We could not find a ticket with those details. Check them, or see the desk.</source>
        <translation>لم نجد تذكرة بهذه البيانات. تحقّق منها أو توجّه إلى مكتب الاستقبال.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0} at {1}.</source>
        <translation>تم التسجيل بهذه التذكرة {0} عند {1}.</translation>
    </message>
    <message>
        <source>This ticket was already used to check in {0}.</source>
        <translation>تم التسجيل بهذه التذكرة {0}.</translation>
    </message>
    <message>
        <source>{0} — already checked in</source>
        <translation>{0} — مسجَّل مسبقاً</translation>
    </message>
    <message numerus="yes">
        <source>All of us (%n ticket(s))</source>
        <translation>
            <numerusform>كلنا (%n تذكرة)</numerusform>
            <numerusform>كلنا (تذكرة واحدة)</numerusform>
            <numerusform>كلنا (تذكرتان)</numerusform>
            <numerusform>كلنا (%n تذاكر)</numerusform>
            <numerusform>كلنا (%n تذكرة)</numerusform>
            <numerusform>كلنا (%n تذكرة)</numerusform>
        </translation>
    </message>
    <message>
        <source>Badges for:</source>
        <translation>بطاقات لـ:</translation>
    </message>
    <message numerus="yes">
        <source>Yes, print %n badge(s)</source>
        <translation>
            <numerusform>نعم، اطبع %n بطاقة</numerusform>
            <numerusform>نعم، اطبع بطاقة واحدة</numerusform>
            <numerusform>نعم، اطبع بطاقتين</numerusform>
            <numerusform>نعم، اطبع %n بطاقات</numerusform>
            <numerusform>نعم، اطبع %n بطاقة</numerusform>
            <numerusform>نعم، اطبع %n بطاقة</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome, {0}!</source>
        <translation>أهلاً بك، {0}!</translation>
    </message>
    <message numerus="yes">
        <source>Take your badge(s)</source>
        <translation>
            <numerusform>خذوا بطاقاتكم</numerusform>
            <numerusform>خذ بطاقتك</numerusform>
            <numerusform>خذا بطاقتيكما</numerusform>
            <numerusform>خذوا بطاقاتكم</numerusform>
            <numerusform>خذوا بطاقاتكم</numerusform>
            <numerusform>خذوا بطاقاتكم</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printing your badge(s)…</source>
        <translation>
            <numerusform>جارٍ طباعة البطاقات…</numerusform>
            <numerusform>جارٍ طباعة بطاقتك…</numerusform>
            <numerusform>جارٍ طباعة البطاقتين…</numerusform>
            <numerusform>جارٍ طباعة البطاقات…</numerusform>
            <numerusform>جارٍ طباعة البطاقات…</numerusform>
            <numerusform>جارٍ طباعة البطاقات…</numerusform>
        </translation>
    </message>
    <message>
        <source>You are checked in. Your badge was printed earlier; the desk can print another one.</source>
        <translation>تم تسجيلك. طُبعت بطاقتك من قبل، ويمكن لمكتب الاستقبال طباعة بطاقة أخرى.</translation>
    </message>
    <message>
        <source>You are checked in, but your badge could not be printed.</source>
        <translation>تم تسجيلك، لكن تعذّرت طباعة بطاقتك.</translation>
    </message>
    <message>
        <source>You are checked in. The printer did not confirm your badge.</source>
        <translation>تم تسجيلك. لم تؤكد الطابعة طباعة بطاقتك.</translation>
    </message>
    <message>
        <source>You are checked in. Your badge is still waiting for the printer.</source>
        <translation>تم تسجيلك. ما زالت بطاقتك بانتظار الطابعة.</translation>
    </message>
    <message>
        <source>Your badge is next in line…</source>
        <translation>بطاقتك هي التالية…</translation>
    </message>
    <message>
        <source>Staff only: enter the operator PIN.</source>
        <translation>للموظفين فقط: أدخل رمز PIN الخاص بالمشغّل.</translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message>
        <source>single entry</source>
        <translation>دخول مرة واحدة</translation>
    </message>
    <message>
        <source>re-entry after an exit</source>
        <translation>دخول مجدداً بعد الخروج</translation>
    </message>
    <message>
        <source>any number of entries</source>
        <translation>عدد غير محدود من مرات الدخول</translation>
    </message>
    <message>
        <source>once per day</source>
        <translation>مرة واحدة في اليوم</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>بالانتظار</translation>
    </message>
    <message>
        <source>printing…</source>
        <translation>جارٍ الطباعة…</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ طُبعت</translation>
    </message>
    <message>
        <source>✖ failed, retrying</source>
        <translation>✖ فشلت، جارٍ إعادة المحاولة</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ فشلت</translation>
    </message>
    <message>
        <source>? sent, unconfirmed: check the printer</source>
        <translation>? أُرسلت دون تأكيد: افحص الطابعة</translation>
    </message>
    <message>
        <source>{0} (reprint)</source>
        <translation>{0} (إعادة طباعة)</translation>
    </message>
    <message>
        <source>every ticket type</source>
        <translation>كل أنواع التذاكر</translation>
    </message>
    <message>
        <source>no ticket types</source>
        <translation>لا أنواع تذاكر</translation>
    </message>
    <message>
        <source>new tickets not yet synced: admitted (verified offline)</source>
        <translation>التذاكر الجديدة غير المتزامنة: مقبولة (تحقق دون اتصال)</translation>
    </message>
    <message>
        <source>new tickets not yet synced: refused</source>
        <translation>التذاكر الجديدة غير المتزامنة: مرفوضة</translation>
    </message>
    <message>
        <source>Doorline — operator</source>
        <translation>Doorline — المشغّل</translation>
    </message>
    <message>
        <source>Ready for doors</source>
        <translation>جاهز للأبواب</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>Printers &amp;&amp; queue</source>
        <translation>الطابعات &amp;&amp; قائمة الانتظار</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>المحطة</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Back to the door</source>
        <translation>العودة إلى الباب</translation>
    </message>
    <message>
        <source>Quit Doorline</source>
        <translation>إنهاء Doorline</translation>
    </message>
    <message>
        <source>That did not work: {0}</source>
        <translation>لم ينجح ذلك: {0}</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>الفحص</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>الموجود</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>الحل</translation>
    </message>
    <message>
        <source>Run all checks (includes a test scan and a test print)</source>
        <translation>تشغيل كل الفحوص (تشمل مسحاً وطباعة تجريبيين)</translation>
    </message>
    <message>
        <source>✔ OK</source>
        <translation>✔ سليم</translation>
    </message>
    <message>
        <source>✖ FIX</source>
        <translation>✖ يحتاج إصلاحاً</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>زامن الآن</translation>
    </message>
    <message>
        <source>The station syncs by itself every few seconds while the server answers; offline, it keeps scanning and uploads everything later. Sync now pushes this station&apos;s entries and pulls tickets, revocations and other doors&apos; scans.</source>
        <translation>تتزامن المحطة تلقائياً كل بضع ثوانٍ ما دام الخادم يستجيب؛ ودون اتصال تواصل المسح وترفع كل شيء لاحقاً. «زامن الآن» يرسل سجلات هذه المحطة ويجلب التذاكر والإلغاءات ومسوحات الأبواب الأخرى.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>الخادم</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>آخر مزامنة</translation>
    </message>
    <message>
        <source>Waiting to upload</source>
        <translation>بانتظار الرفع</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>آخر خطأ</translation>
    </message>
    <message>
        <source>● Offline station (provisioned from a bundle)</source>
        <translation>● محطة دون اتصال (مُعدّة من حزمة)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● متصل</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ دون اتصال — المسح يعمل</translation>
    </message>
    <message numerus="yes">
        <source>%n log entry(ies)</source>
        <translation>
            <numerusform>لا توجد سجلات</numerusform>
            <numerusform>سجل واحد</numerusform>
            <numerusform>سجلان</numerusform>
            <numerusform>%n سجلات</numerusform>
            <numerusform>%n سجلاً</numerusform>
            <numerusform>%n سجل</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Not on the server</source>
        <translation>غير موجود على الخادم</translation>
    </message>
    <message>
        <source>Entry #{0} ({1}): {2}</source>
        <translation>الإدخال رقم {0} ({1}): {2}</translation>
    </message>
    <message>
        <source>Check printer now</source>
        <translation>افحص الطابعة الآن</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>أُضيف في</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>التذكرة</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>المحاولات</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>المشكلة</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>أعد محاولة المحدد</translation>
    </message>
    <message>
        <source>Retry all failed</source>
        <translation>أعد محاولة كل الفاشلة</translation>
    </message>
    <message>
        <source>It printed</source>
        <translation>طُبعت</translation>
    </message>
    <message>
        <source>For a badge sent but not confirmed by the printer: you saw it come out.</source>
        <translation>لبطاقة أُرسلت ولم تؤكدها الطابعة: رأيتها تخرج.</translation>
    </message>
    <message>
        <source>Reprint selected badge</source>
        <translation>أعد طباعة البطاقة المحددة</translation>
    </message>
    <message>
        <source>or a ticket number</source>
        <translation>أو رقم تذكرة</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>إعادة الطباعة</translation>
    </message>
    <message>
        <source>Each badge prints once. A reprint is an operator&apos;s choice and is logged on the station as a reprint.</source>
        <translation>تُطبع كل بطاقة مرة واحدة. إعادة الطباعة قرار المشغّل وتُسجَّل في المحطة كإعادة طباعة.</translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) waiting</source>
        <translation>
            <numerusform>لا بطاقات بالانتظار</numerusform>
            <numerusform>بطاقة واحدة بالانتظار</numerusform>
            <numerusform>بطاقتان بالانتظار</numerusform>
            <numerusform>%n بطاقات بالانتظار</numerusform>
            <numerusform>%n بطاقة بالانتظار</numerusform>
            <numerusform>%n بطاقة بالانتظار</numerusform>
        </translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>جارٍ سؤال الطابعة…</translation>
    </message>
    <message>
        <source>Select a failed badge first.</source>
        <translation>اختر أولاً بطاقة فاشلة.</translation>
    </message>
    <message>
        <source>Retrying the badge.</source>
        <translation>جارٍ إعادة محاولة البطاقة.</translation>
    </message>
    <message>
        <source>Select a badge marked &apos;sent, unconfirmed&apos; first.</source>
        <translation>اختر أولًا بطاقة موسومة «أُرسلت، غير مؤكدة».</translation>
    </message>
    <message>
        <source>Badge confirmed as printed (logged).</source>
        <translation>تم تأكيد طباعة البطاقة (مسجّل).</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed badge(s).</source>
        <translation>
            <numerusform>لا توجد بطاقات فاشلة.</numerusform>
            <numerusform>إعادة محاولة بطاقة فاشلة واحدة.</numerusform>
            <numerusform>إعادة محاولة بطاقتين فاشلتين.</numerusform>
            <numerusform>إعادة محاولة %n بطاقات فاشلة.</numerusform>
            <numerusform>إعادة محاولة %n بطاقة فاشلة.</numerusform>
            <numerusform>إعادة محاولة %n بطاقة فاشلة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the badge to reprint first.</source>
        <translation>اختر أولاً البطاقة المراد إعادة طباعتها.</translation>
    </message>
    <message>
        <source>Type the ticket number to reprint.</source>
        <translation>اكتب رقم التذكرة لإعادة الطباعة.</translation>
    </message>
    <message>
        <source>Reprint of ticket {0} queued (logged as a reprint).</source>
        <translation>أُضيفت إعادة طباعة التذكرة {0} (مسجّلة كإعادة طباعة).</translation>
    </message>
    <message>
        <source>First admitted</source>
        <translation>أول دخول</translation>
    </message>
    <message>
        <source>Admitted again</source>
        <translation>دخل مرة أخرى</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Note, e.g. checked ID: same person</source>
        <translation>ملاحظة، مثلاً: تم فحص الهوية، الشخص نفسه</translation>
    </message>
    <message>
        <source>Acknowledge selected</source>
        <translation>أقرّ بالمحدد</translation>
    </message>
    <message>
        <source>The same single-entry ticket admitted twice with no exit between. Acknowledging is logged on this station and reaches the server with the next sync.</source>
        <translation>تذكرة دخول واحد نفسها قُبلت مرتين دون خروج بينهما. يُسجَّل الإقرار في هذه المحطة ويصل إلى الخادم مع المزامنة التالية.</translation>
    </message>
    <message>
        <source>Select a conflict first.</source>
        <translation>اختر تعارضاً أولاً.</translation>
    </message>
    <message>
        <source>acknowledged by an operator</source>
        <translation>أقرّ به مشغّل</translation>
    </message>
    <message>
        <source>Conflict acknowledged; the note goes to the server with the next sync.</source>
        <translation>تم الإقرار بالتعارض؛ تُرسل الملاحظة إلى الخادم مع المزامنة التالية.</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}، {1}</translation>
    </message>
    <message>
        <source>✔ acknowledged</source>
        <translation>✔ تم الإقرار</translation>
    </message>
    <message>
        <source>open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <source>Conflicts ({0})</source>
        <translation>التعارضات ({0})</translation>
    </message>
    <message>
        <source>none: provisioned from a bundle file (offline)</source>
        <translation>لا يوجد: مُعدّة من ملف حزمة (دون اتصال)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>الفعالية</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>المدخل</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>أُعدّت</translation>
    </message>
    <message>
        <source>Guest list</source>
        <translation>قائمة الضيوف</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>لا تذاكر</numerusform>
            <numerusform>تذكرة واحدة</numerusform>
            <numerusform>تذكرتان</numerusform>
            <numerusform>%n تذاكر</numerusform>
            <numerusform>%n تذكرة</numerusform>
            <numerusform>%n تذكرة</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>مجلد البيانات</translation>
    </message>
    <message>
        <source>Station id (for the command line)</source>
        <translation>معرّف المحطة (لسطر الأوامر)</translation>
    </message>
    <message>
        <source>This station is provisioned. To set this laptop up for another event or as another station, start Doorline with an empty data folder:
    doorline kiosk --data-dir NEW_FOLDER
It opens the set-up screen (one-time token or bundle file).</source>
        <translation>هذه المحطة مُعدّة. لإعداد هذا الحاسوب لفعالية أخرى أو كمحطة أخرى، شغّل Doorline بمجلد بيانات فارغ:
    doorline kiosk --data-dir NEW_FOLDER
تُفتح شاشة الإعداد (رمز لمرة واحدة أو ملف حزمة).</translation>
    </message>
    <message>
        <source>Door station (staff)</source>
        <translation>محطة الباب (الموظفون)</translation>
    </message>
    <message>
        <source>Self check-in kiosk</source>
        <translation>كشك التسجيل الذاتي</translation>
    </message>
    <message>
        <source>Play verdict sounds</source>
        <translation>تشغيل أصوات النتيجة</translation>
    </message>
    <message>
        <source>leave empty to keep the PIN</source>
        <translation>اتركه فارغاً للإبقاء على الرمز</translation>
    </message>
    <message>
        <source>the new PIN again</source>
        <translation>الرمز الجديد مرة أخرى</translation>
    </message>
    <message>
        <source>Save (camera, printer, gate and language apply after a restart)</source>
        <translation>حفظ (الكاميرا والطابعة والمدخل واللغة بعد إعادة التشغيل)</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>المدخل / قائمة التسجيل</translation>
    </message>
    <message>
        <source>Camera (index, video or folder)</source>
        <translation>الكاميرا (رقم أو فيديو أو مجلد)</translation>
    </message>
    <message>
        <source>Code reader</source>
        <translation>قارئ الرموز</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>طابعة البطاقات</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>الأصوات</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>New operator PIN</source>
        <translation>رمز PIN جديد للمشغّل</translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation>أعد كتابة الرمز الجديد</translation>
    </message>
    <message>
        <source>The operator PIN is the event&apos;s, set on the server; this station learns a new one with its next sync.</source>
        <translation>رمز PIN للمشغّل هو رمز الفعالية، ويُضبط على الخادم؛ تعرف هذه المحطة الرمز الجديد عند المزامنة التالية.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>رمز PIN للمشغّل</translation>
    </message>
    <message>
        <source>The two new PINs differ: type the new PIN twice. Nothing was saved.</source>
        <translation>الرمزان الجديدان مختلفان: اكتب الرمز الجديد مرتين. لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>A PIN is at least 4 digits (the keypad has digits only). Nothing was saved.</source>
        <translation>يتكون الرمز من 4 أرقام على الأقل (لوحة المفاتيح أرقام فقط). لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>Saved. The new PIN is in force.</source>
        <translation>تم الحفظ. الرمز الجديد نافذ.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Operator PIN</source>
        <translation>رمز PIN للمشغّل</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>رمز PIN غير صحيح. حاول مرة أخرى.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>محاولات خاطئة كثيرة. حاول بعد %n ثانية.</numerusform>
            <numerusform>محاولات خاطئة كثيرة. حاول بعد ثانية واحدة.</numerusform>
            <numerusform>محاولات خاطئة كثيرة. حاول بعد ثانيتين.</numerusform>
            <numerusform>محاولات خاطئة كثيرة. حاول بعد %n ثوانٍ.</numerusform>
            <numerusform>محاولات خاطئة كثيرة. حاول بعد %n ثانية.</numerusform>
            <numerusform>محاولات خاطئة كثيرة. حاول بعد %n ثانية.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>يمكنك المحاولة مرة أخرى الآن.</translation>
    </message>
</context>
<context>
    <name>PrintPort</name>
    <message>
        <source>No badge printer configured: choose one in Station settings.</source>
        <translation>لم تُضبط طابعة بطاقات: اختر واحدة من إعدادات المحطة.</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>قبل {0} ث</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>قبل {0} د</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>قبل {0} س</translation>
    </message>
    <message>
        <source>network printer {0}</source>
        <translation>طابعة الشبكة {0}</translation>
    </message>
    <message>
        <source>USB printer {0}</source>
        <translation>طابعة USB {0}</translation>
    </message>
    <message>
        <source>PDF files in {0}</source>
        <translation>ملفات PDF في {0}</translation>
    </message>
    <message>
        <source>system printer “{0}”</source>
        <translation>طابعة النظام «{0}»</translation>
    </message>
    <message>
        <source>serial printer {0}</source>
        <translation>طابعة تسلسلية {0}</translation>
    </message>
    <message>
        <source>printer device {0}</source>
        <translation>جهاز الطابعة {0}</translation>
    </message>
    <message>
        <source>{0} is not answering</source>
        <translation>{0} لا تستجيب</translation>
    </message>
    <message>
        <source>{0} is not answering: {1}</source>
        <translation>{0} لا تستجيب: {1}</translation>
    </message>
    <message>
        <source>{0}: no badge printed yet</source>
        <translation>{0}: لم تُطبع أي بطاقة بعد</translation>
    </message>
    <message>
        <source>{0} ready, last badge {1}</source>
        <translation>{0} جاهزة، آخر بطاقة {1}</translation>
    </message>
    <message>
        <source>{0} ready</source>
        <translation>{0} جاهزة</translation>
    </message>
    <message>
        <source>{0} — paper low, refill soon</source>
        <translation>{0} — الورق يوشك أن ينفد، أعد تعبئته قريباً</translation>
    </message>
    <message>
        <source>{0} answers</source>
        <translation>{0} تستجيب</translation>
    </message>
    <message>
        <source>Test badge sent, but the printer did not confirm it: {0}</source>
        <translation>أُرسلت البطاقة التجريبية لكن الطابعة لم تؤكدها: {0}</translation>
    </message>
    <message>
        <source>Test badge not printed: {0}</source>
        <translation>لم تُطبع البطاقة التجريبية: {0}</translation>
    </message>
    <message>
        <source>Test badge printed on template &apos;{0}&apos; ({1})</source>
        <translation>طُبعت البطاقة التجريبية بالقالب «{0}» ({1})</translation>
    </message>
    <message>
        <source>Printer settings: {0}</source>
        <translation>إعدادات الطابعة: {0}</translation>
    </message>
    <message>
        <source>Badge printer “{0}”: {1}</source>
        <translation>طابعة البطاقات «{0}»: {1}</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message>
        <source>it refused the connection: is it switched on, and is {0} its port?</source>
        <translation>رفضت الاتصال: هل هي مشغّلة، وهل {0} هو منفذها؟</translation>
    </message>
    <message>
        <source>no answer within {0} s: is it switched on and on this network?</source>
        <translation>لا رد خلال {0} ث: هل هي مشغّلة ومتصلة بهذه الشبكة؟</translation>
    </message>
    <message>
        <source>it cannot be reached ({0})</source>
        <translation>تعذّر الوصول إليها ({0})</translation>
    </message>
    <message>
        <source>it took the connection but gave no answer within {0} s (busy or jammed?)</source>
        <translation>قبلت الاتصال لكنها لم ترد خلال {0} ث (مشغولة أو عالقة؟)</translation>
    </message>
    <message>
        <source>it dropped the connection</source>
        <translation>قطعت الاتصال</translation>
    </message>
    <message>
        <source>its cover is open</source>
        <translation>غطاؤها مفتوح</translation>
    </message>
    <message>
        <source>it is out of paper</source>
        <translation>نفد منها الورق</translation>
    </message>
    <message>
        <source>it reports an error (cutter jam or overheating?)</source>
        <translation>تُبلغ عن خطأ (انحشار القاطع أو ارتفاع الحرارة؟)</translation>
    </message>
    <message>
        <source>it is offline</source>
        <translation>غير متصلة</translation>
    </message>
    <message>
        <source>it was not found: is it plugged in and switched on?</source>
        <translation>لم يُعثر عليها: هل هي موصولة ومشغّلة؟</translation>
    </message>
    <message>
        <source>no permission to write {0} (is this user in the lp group?)</source>
        <translation>لا إذن بالكتابة في {0} (هل هذا المستخدم ضمن مجموعة lp؟)</translation>
    </message>
    <message>
        <source>cannot write {0} ({1})</source>
        <translation>تعذّرت الكتابة في {0} ({1})</translation>
    </message>
    <message>
        <source>{0} is not complete on disk: the disk may be full</source>
        <translation>‏{0} غير مكتمل على القرص: ربما القرص ممتلئ</translation>
    </message>
    <message>
        <source>this computer lacks the {0} package the printer needs</source>
        <translation>ينقص هذا الحاسوب الحزمة {0} التي تحتاجها الطابعة</translation>
    </message>
    <message>
        <source>{0} holds something else: a badge never overwrites it</source>
        <translation>‏{0} يحتوي شيئًا آخر: لا تكتب البطاقة فوقه أبدًا</translation>
    </message>
    <message>
        <source>it is not an ESC/POS printer</source>
        <translation>ليست طابعة ESC/POS</translation>
    </message>
    <message>
        <source>printing through CUPS is not installed on this computer (pycups)</source>
        <translation>الطباعة عبر CUPS غير مثبّتة على هذا الحاسوب (pycups)</translation>
    </message>
    <message>
        <source>the CUPS print service is not running on this computer</source>
        <translation>خدمة الطباعة CUPS لا تعمل على هذا الحاسوب</translation>
    </message>
    <message>
        <source>CUPS did not answer ({0})</source>
        <translation>لم تردّ CUPS ‏({0})</translation>
    </message>
    <message>
        <source>CUPS has no printer named “{0}”</source>
        <translation>لا توجد في CUPS طابعة باسم «{0}»</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is paused ({1})</source>
        <translation>طابعة CUPS «{0}» متوقفة مؤقتًا ({1})</translation>
    </message>
    <message>
        <source>CUPS printer “{0}” is not accepting jobs ({1})</source>
        <translation>طابعة CUPS «{0}» لا تقبل مهام ({1})</translation>
    </message>
    <message>
        <source>CUPS refused the badge ({0})</source>
        <translation>رفضت CUPS البطاقة ({0})</translation>
    </message>
    <message>
        <source>CUPS did not print the badge (job {0}: {1}); it was withdrawn</source>
        <translation>لم تطبع CUPS البطاقة (المهمة {0}: {1})؛ سُحبت</translation>
    </message>
    <message>
        <source>CUPS did not start the badge within {0} s; it was withdrawn</source>
        <translation>لم تبدأ CUPS طباعة البطاقة خلال {0} ث؛ سُحبت</translation>
    </message>
    <message>
        <source>cancelled by an operator</source>
        <translation>ألغاه مشغّل</translation>
    </message>
    <message>
        <source>the printer did not confirm the badge: it may have printed</source>
        <translation>لم تؤكد الطابعة البطاقة: ربما طُبعت</translation>
    </message>
    <message>
        <source>the printer stopped mid-badge: part of it may have printed</source>
        <translation>توقفت الطابعة في منتصف البطاقة: ربما طُبع جزء منها</translation>
    </message>
</context>
<context>
    <name>ProvisionPanel</name>
    <message>
        <source>Downloading the guest list</source>
        <translation>جارٍ تنزيل قائمة الضيوف</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>جارٍ الرفع</translation>
    </message>
    <message>
        <source>optional, e.g. main (default: the main entrance)</source>
        <translation>اختياري، مثلاً main (الافتراضي: المدخل الرئيسي)</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>اسم المحطة</translation>
    </message>
    <message>
        <source>Gate / check-in list</source>
        <translation>المدخل / قائمة التسجيل</translation>
    </message>
    <message>
        <source>From the server: one-time token</source>
        <translation>من الخادم: رمز لمرة واحدة</translation>
    </message>
    <message>
        <source>paste, type or scan the token</source>
        <translation>الصق الرمز أو اكتبه أو امسحه</translation>
    </message>
    <message>
        <source>Connect and download</source>
        <translation>اتصل ونزّل</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Offline: bundle file (USB stick)</source>
        <translation>دون اتصال: ملف حزمة (ذاكرة USB)</translation>
    </message>
    <message>
        <source>event.dlbundle</source>
        <translation>event.dlbundle</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختر…</translation>
    </message>
    <message>
        <source>only for an encrypted bundle</source>
        <translation>فقط لحزمة مشفّرة</translation>
    </message>
    <message>
        <source>Load bundle</source>
        <translation>حمّل الحزمة</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>ملف الحزمة</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <source>Provisioning bundle</source>
        <translation>حزمة الإعداد</translation>
    </message>
    <message>
        <source>Token scanned. Check the server address, then Connect.</source>
        <translation>تم مسح الرمز. تحقّق من عنوان الخادم ثم اتصل.</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>جارٍ الاتصال بـ {0}…</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>جارٍ قراءة {0}…</translation>
    </message>
    <message>
        <source>{0}: {1} of {2}…</source>
        <translation>{0}: {1} من {2}…</translation>
    </message>
    <message>
        <source>{0}: {1}…</source>
        <translation>{0}: {1}…</translation>
    </message>
    <message>
        <source>Station ready.</source>
        <translation>المحطة جاهزة.</translation>
    </message>
    <message>
        <source>Provisioning failed: {0}</source>
        <translation>فشل الإعداد: {0}</translation>
    </message>
</context>
<context>
    <name>Readiness</name>
    <message>
        <source>{0} min</source>
        <translation>{0} د</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} س</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>لا تذاكر</numerusform>
            <numerusform>تذكرة واحدة</numerusform>
            <numerusform>تذكرتان</numerusform>
            <numerusform>%n تذاكر</numerusform>
            <numerusform>%n تذكرة</numerusform>
            <numerusform>%n تذكرة</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest list synced {0} ago ({1})</source>
        <translation>زُومنت قائمة الضيوف قبل {0} ({1})</translation>
    </message>
    <message>
        <source>Guest list provisioned {0} ago ({1})</source>
        <translation>أُعدّت قائمة الضيوف قبل {0} ({1})</translation>
    </message>
    <message>
        <source>Data age</source>
        <translation>عمر البيانات</translation>
    </message>
    <message>
        <source>Sync now (Sync tab), or load a fresh bundle.</source>
        <translation>زامن الآن (تبويب المزامنة) أو حمّل حزمة جديدة.</translation>
    </message>
    <message>
        <source>Ticket keys</source>
        <translation>مفاتيح التذاكر</translation>
    </message>
    <message numerus="yes">
        <source>%n verification key(s)</source>
        <translation>
            <numerusform>لا مفاتيح تحقق</numerusform>
            <numerusform>مفتاح تحقق واحد</numerusform>
            <numerusform>مفتاحا تحقق</numerusform>
            <numerusform>%n مفاتيح تحقق</numerusform>
            <numerusform>%n مفتاح تحقق</numerusform>
            <numerusform>%n مفتاح تحقق</numerusform>
        </translation>
    </message>
    <message>
        <source>Provision the station again: it holds no keys.</source>
        <translation>أعد إعداد المحطة: لا تحتوي على أي مفاتيح.</translation>
    </message>
    <message>
        <source>Station identity</source>
        <translation>هوية المحطة</translation>
    </message>
    <message>
        <source>Only this folder uses this identity</source>
        <translation>هذا المجلد وحده يستخدم هذه الهوية</translation>
    </message>
    <message>
        <source>This station&apos;s identity is also used by another copy; {0} check-ins ({1} log entries) are not on the server</source>
        <translation>هوية هذه المحطة تستخدمها نسخة أخرى أيضًا؛ {0} من تسجيلات الدخول ({1} من إدخالات السجل) ليست على الخادم</translation>
    </message>
    <message>
        <source>Ask an operator for a new token and set this station up again with it: its check-ins then reach the server under a new identity.</source>
        <translation>اطلب من المشغّل رمزًا جديدًا وأعد إعداد هذه المحطة به: ستصل تسجيلات الدخول إلى الخادم بهوية جديدة.</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>رمز PIN للمشغّل</translation>
    </message>
    <message>
        <source>The event&apos;s operator PIN is known here</source>
        <translation>رمز PIN للمشغّل الخاص بالفعالية معروف هنا</translation>
    </message>
    <message>
        <source>No operator PIN from the server: overrides and acknowledgements made here will be refused</source>
        <translation>لا يوجد رمز PIN للمشغّل من الخادم: سيتم رفض الاستثناءات والتأكيدات التي تتم هنا</translation>
    </message>
    <message>
        <source>Set one on the server, then sync.</source>
        <translation>اضبط رمزًا على الخادم، ثم زامن.</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>Laptop clock says {0}</source>
        <translation>ساعة الحاسوب تشير إلى {0}</translation>
    </message>
    <message>
        <source>Set the date and time.</source>
        <translation>اضبط التاريخ والوقت.</translation>
    </message>
    <message>
        <source>Laptop clock says {0} (not yet compared with a server)</source>
        <translation>ساعة الحاسوب تشير إلى {0} (لم تُقارن بخادم بعد)</translation>
    </message>
    <message>
        <source>Laptop clock: {0} (measured at the last sync, {1} ms)</source>
        <translation>ساعة الحاسوب: {0} (قيست عند آخر مزامنة، {1} ms)</translation>
    </message>
    <message>
        <source>Set the laptop&apos;s date and time, then sync again.</source>
        <translation>اضبط تاريخ الحاسوب ووقته ثم زامن مجدداً.</translation>
    </message>
    <message>
        <source>Within {0} of the server&apos;s clock</source>
        <translation>ضمن {0} من ساعة الخادم</translation>
    </message>
    <message>
        <source>Plug in the webcam or choose another camera.</source>
        <translation>وصّل كاميرا الويب أو اختر كاميرا أخرى.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>الأصوات</translation>
    </message>
    <message>
        <source>Verdict sounds are off (Settings)</source>
        <translation>أصوات النتيجة مطفأة (الإعدادات)</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no sound player ({0}) is installed</source>
        <translation>«تشغيل أصوات النتيجة» مفعّل، لكن لا يوجد مشغّل صوت ({0}) مثبّت</translation>
    </message>
    <message>
        <source>Install one ({0}), or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>ثبّت مشغّلاً ({0}) أو أطفئ الأصوات من الإعدادات؛ بطاقة النتيجة تعرض كل شيء على أي حال.</translation>
    </message>
    <message>
        <source>Play verdict sounds is on, but no audio device was found ({0} is ready)</source>
        <translation>«تشغيل أصوات النتيجة» مفعّل، لكن لم يُعثر على جهاز صوت ({0} جاهز)</translation>
    </message>
    <message>
        <source>Plug in speakers or a USB sound card, or turn sounds off in Settings; the verdict card still says everything.</source>
        <translation>وصّل سماعات أو بطاقة صوت USB، أو أطفئ الأصوات من الإعدادات؛ بطاقة النتيجة تعرض كل شيء على أي حال.</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>الطابعة</translation>
    </message>
    <message>
        <source>No badge printer: this door prints no badges</source>
        <translation>لا توجد طابعة بطاقات: هذا المدخل لا يطبع بطاقات</translation>
    </message>
    <message>
        <source>Set a badge printer in Station settings.</source>
        <translation>اضبط طابعة بطاقات من إعدادات المحطة.</translation>
    </message>
    <message>
        <source>Switch the printer on, check its cable or network, then Printers → Check.</source>
        <translation>شغّل الطابعة وافحص كابلها أو الشبكة، ثم الطابعات ← فحص.</translation>
    </message>
    <message>
        <source>Test scan</source>
        <translation>مسح تجريبي</translation>
    </message>
    <message>
        <source>No tickets on this station.</source>
        <translation>لا توجد تذاكر على هذه المحطة.</translation>
    </message>
    <message>
        <source>Sync or provision.</source>
        <translation>زامن أو أعد الإعداد.</translation>
    </message>
    <message>
        <source>Choose another code reader in Settings.</source>
        <translation>اختر قارئ رموز آخر من الإعدادات.</translation>
    </message>
    <message>
        <source>A ticket code was read back correctly</source>
        <translation>قُرئ رمز تذكرة بشكل صحيح</translation>
    </message>
    <message>
        <source>The code read back differs</source>
        <translation>الرمز المقروء مختلف</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>طباعة تجريبية</translation>
    </message>
    <message>
        <source>Skipped: no badge printer</source>
        <translation>تم التخطي: لا توجد طابعة بطاقات</translation>
    </message>
    <message>
        <source>Check the printer&apos;s paper and settings, then run the checks again.</source>
        <translation>افحص ورق الطابعة وإعداداتها ثم أعد تشغيل الفحوص.</translation>
    </message>
    <message>
        <source>The code reader found no code in a clean test picture.</source>
        <translation>لم يجد القارئ أي رمز في صورة اختبار واضحة.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Genuine ticket, not on this station&apos;s list yet (verified offline)</source>
        <translation>تذكرة أصلية، ليست في قائمة هذه المحطة بعد (تم التحقق دون اتصال)</translation>
    </message>
    <message>
        <source>Cancelled: {0}</source>
        <translation>أُلغيت: {0}</translation>
    </message>
    <message>
        <source>Send them to the box office to pay</source>
        <translation>أرسله إلى شباك التذاكر للدفع</translation>
    </message>
    <message>
        <source>Valid from {0}</source>
        <translation>صالحة اعتباراً من {0}</translation>
    </message>
    <message>
        <source>Was valid until {0}</source>
        <translation>كانت صالحة حتى {0}</translation>
    </message>
    <message>
        <source>Not valid at {0}</source>
        <translation>غير صالحة في {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser: {0}</source>
        <translation>علّمها المنظِّم: {0}</translation>
    </message>
    <message>
        <source>Genuine ticket, but not on this station&apos;s list</source>
        <translation>تذكرة أصلية، لكنها ليست في قائمة هذه المحطة</translation>
    </message>
    <message>
        <source>Genuine ticket, not on the list yet: the first download is not complete</source>
        <translation>تذكرة أصلية، ليست في القائمة بعد: لم يكتمل التنزيل الأول</translation>
    </message>
    <message>
        <source>Unexpected characters</source>
        <translation>رموز غير متوقعة</translation>
    </message>
    <message>
        <source>Wrong format or version</source>
        <translation>صيغة أو إصدار غير صحيح</translation>
    </message>
    <message>
        <source>Damaged or incomplete</source>
        <translation>تالف أو غير مكتمل</translation>
    </message>
    <message>
        <source>Wrong length</source>
        <translation>طول غير صحيح</translation>
    </message>
    <message>
        <source>This ticket is for event {0}</source>
        <translation>هذه التذكرة للفعالية {0}</translation>
    </message>
    <message>
        <source>Signed with key {0}, which this station does not hold</source>
        <translation>موقّعة بالمفتاح {0}، وهو غير موجود على هذه المحطة</translation>
    </message>
    <message>
        <source>The signature does not match</source>
        <translation>التوقيع غير مطابق</translation>
    </message>
    <message>
        <source>Supervisor override: {0}</source>
        <translation>تجاوز من المشرف: {0}</translation>
    </message>
    <message>
        <source>Undone: {0}</source>
        <translation>تم التراجع: {0}</translation>
    </message>
    <message>
        <source>Flagged by the organiser</source>
        <translation>علّمها المنظِّم</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Name or confirmation code</source>
        <translation>الاسم أو رمز التأكيد</translation>
    </message>
    <message>
        <source>Check in selected person</source>
        <translation>سجّل الشخص المحدد</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>العودة إلى المسح</translation>
    </message>
    <message>
        <source>The camera read a ticket while you were searching.</source>
        <translation>قرأت الكاميرا تذكرة أثناء بحثك.</translation>
    </message>
    <message>
        <source>Check that ticket</source>
        <translation>تحقّق من تلك التذكرة</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Type part of a name, or a confirmation code.</source>
        <translation>اكتب جزءاً من الاسم أو رمز التأكيد.</translation>
    </message>
    <message>
        <source>Search failed: {0}</source>
        <translation>فشل البحث: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} shown — type more to narrow the list</source>
        <translation>عُرض {0} من {1} — اكتب المزيد لتضييق القائمة</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>لم يُعثر على أحد</numerusform>
            <numerusform>عُثر على واحد</numerusform>
            <numerusform>عُثر على اثنين</numerusform>
            <numerusform>عُثر على %n</numerusform>
            <numerusform>عُثر على %n</numerusform>
            <numerusform>عُثر على %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <source>Doorline — set up this station</source>
        <translation>Doorline — إعداد هذه المحطة</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>إعداد هذه المحطة</translation>
    </message>
    <message>
        <source>This laptop is not set up for an event yet (no station in {0}). An operator sets it up with a one-time token from the server, or with a bundle file.</source>
        <translation>هذا الحاسوب غير مُعدّ لأي فعالية بعد (لا توجد محطة في {0}). يُعدّه المشغّل برمز لمرة واحدة من الخادم أو بملف حزمة.</translation>
    </message>
    <message>
        <source>Staff only: setting up needs the operator PIN.</source>
        <translation>للموظفين فقط: يتطلب الإعداد رمز PIN للمشغّل.</translation>
    </message>
    <message>
        <source>Hold the token&apos;s QR code up to the camera</source>
        <translation>وجّه رمز QR الخاص بالرمز نحو الكاميرا</translation>
    </message>
    <message>
        <source>Scan the token&apos;s QR code with the camera</source>
        <translation>امسح رمز QR بالكاميرا</translation>
    </message>
    <message>
        <source>A USB hand scanner types the token straight into the Token field.</source>
        <translation>يكتب الماسح اليدوي USB الرمز مباشرة في حقل الرمز.</translation>
    </message>
    <message>
        <source>Enter the operator PIN to set up this station.</source>
        <translation>أدخل رمز PIN للمشغّل لإعداد هذه المحطة.</translation>
    </message>
</context>
<context>
    <name>SetupWords</name>
    <message>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.10:8765</source>
        <translation>أدخل عنوان الخادم، مثلاً http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>Paste, type or scan the one-time token from the operator.</source>
        <translation>الصق الرمز لمرة واحدة الذي أعطاك إياه المشغّل، أو اكتبه أو امسحه.</translation>
    </message>
    <message>
        <source>Choose the bundle file first.</source>
        <translation>اختر ملف الحزمة أولاً.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder: choose a folder for the station&apos;s data. The token was not used.</source>
        <translation>{0} ملف وليس مجلداً: اختر مجلداً لبيانات المحطة. لم يُستخدم الرمز.</translation>
    </message>
    <message>
        <source>Cannot write the station&apos;s data in {0} ({1}). The token was not used.</source>
        <translation>تعذّرت كتابة بيانات المحطة في {0} ({1}). لم يُستخدم الرمز.</translation>
    </message>
    <message>
        <source>{0} already holds a station: start Doorline with an empty data folder to set up another one.</source>
        <translation>يحتوي {0} على محطة بالفعل: شغّل Doorline بمجلد بيانات فارغ لإعداد محطة أخرى.</translation>
    </message>
    <message>
        <source>The server refused this token: it is unknown, has expired or was already used. Ask the operator for a new one.</source>
        <translation>رفض الخادم هذا الرمز: إنه غير معروف أو منتهي الصلاحية أو مستخدم من قبل. اطلب رمزاً جديداً من المشغّل.</translation>
    </message>
    <message>
        <source>This event has no gate “{0}”. The token was not used: correct the gate and try again.</source>
        <translation>لا يوجد في هذه الفعالية مدخل «{0}». لم يُستخدم الرمز: صحّح المدخل وحاول مجدداً.</translation>
    </message>
    <message>
        <source>The server at {0} does not answer. Check the address and the network, then try again with the same token.</source>
        <translation>الخادم على {0} لا يستجيب. تحقّق من العنوان والشبكة ثم حاول مجدداً بالرمز نفسه.</translation>
    </message>
    <message>
        <source>The server could not set this station up ({0}). Try again with the same token.</source>
        <translation>لم يتمكن الخادم من إعداد هذه المحطة ({0}). حاول مجدداً بالرمز نفسه.</translation>
    </message>
    <message>
        <source>The station was set up, but reading the event failed. Try again to finish: the same token still works.</source>
        <translation>أُعدّت المحطة، لكن قراءة الفعالية فشلت. حاول مجدداً لإكمال الإعداد: الرمز نفسه ما زال صالحاً.</translation>
    </message>
    <message>
        <source>The first download stopped: the server no longer answers. Try again to resume it.</source>
        <translation>توقف التنزيل الأول: الخادم لم يعد يستجيب. حاول مجدداً لاستئنافه.</translation>
    </message>
    <message>
        <source>The first download failed ({0}). Try again to resume it.</source>
        <translation>فشل التنزيل الأول ({0}). حاول مجدداً لاستئنافه.</translation>
    </message>
    <message>
        <source>The first download stopped: this laptop&apos;s disk is full. Free some space, then try again to resume it.</source>
        <translation>توقف التنزيل الأول: قرص هذا الحاسوب ممتلئ. أفرغ بعض المساحة ثم حاول مجدداً لاستئنافه.</translation>
    </message>
    <message>
        <source>The bundle file cannot be read ({0}).</source>
        <translation>تعذّرت قراءة ملف الحزمة ({0}).</translation>
    </message>
    <message>
        <source>This bundle is encrypted: enter its passphrase.</source>
        <translation>هذه الحزمة مشفّرة: أدخل عبارة المرور الخاصة بها.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the bundle was altered.</source>
        <translation>عبارة المرور خاطئة، أو أن الحزمة عُدّلت.</translation>
    </message>
    <message>
        <source>This file is not a Doorline provisioning bundle.</source>
        <translation>هذا الملف ليس حزمة إعداد من Doorline.</translation>
    </message>
    <message>
        <source>The bundle is damaged or incomplete: copy it again.</source>
        <translation>الحزمة تالفة أو ناقصة: انسخها مجدداً.</translation>
    </message>
    <message>
        <source>The bundle cannot be used ({0}).</source>
        <translation>لا يمكن استخدام الحزمة ({0}).</translation>
    </message>
</context>
<context>
    <name>StationNames</name>
    <message>
        <source>a station not known here (id {0})</source>
        <translation>محطة غير معروفة هنا (المعرّف {0})</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}، {1}</translation>
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
        <translation>{0} لم تُعطِ صورة</translation>
    </message>
    <message>
        <source>camera {0}</source>
        <translation>الكاميرا {0}</translation>
    </message>
    <message>
        <source>video {0}</source>
        <translation>الفيديو {0}</translation>
    </message>
    <message>
        <source>pictures in {0}</source>
        <translation>الصور في {0}</translation>
    </message>
    <message>
        <source>Enter the operator PIN.</source>
        <translation>أدخل رمز PIN الخاص بالمشغّل.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>never</source>
        <translation>أبداً</translation>
    </message>
    <message>
        <source>{0} s ago</source>
        <translation>قبل {0} ث</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>قبل {0} د</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>قبل {0} س</translation>
    </message>
    <message>
        <source>● Offline station (no server)</source>
        <translation>● محطة دون اتصال (بلا خادم)</translation>
    </message>
    <message>
        <source>⟳ Syncing…</source>
        <translation>⟳ جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● متصل</translation>
    </message>
    <message>
        <source>○ Offline — scanning still works</source>
        <translation>○ دون اتصال — المسح يعمل</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>آخر مزامنة: {0}</translation>
    </message>
    <message>
        <source>To upload: {0}</source>
        <translation>للرفع: {0}</translation>
    </message>
    <message>
        <source>Inside now: {0}</source>
        <translation>بالداخل الآن: {0}</translation>
    </message>
    <message>
        <source>Admitted today: {0}</source>
        <translation>دخلوا اليوم: {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>مرفوضون: {0}</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>This station was set up without a server: it has nothing to sync.</source>
        <translation>أُعدّت هذه المحطة دون خادم: لا شيء لديها لمزامنته.</translation>
    </message>
    <message>
        <source>{0} is not a server address: set the station up again.</source>
        <translation>‏{0} ليس عنوان خادم: أعد إعداد المحطة.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {0}. Scanning still works; sync retries.</source>
        <translation>تعذّر الوصول إلى الخادم في {0}. المسح ما زال يعمل، وستُعاد المزامنة.</translation>
    </message>
    <message>
        <source>The server at {0} did not answer in time. Sync retries.</source>
        <translation>لم يردّ الخادم في {0} في الوقت المحدد. ستُعاد المزامنة.</translation>
    </message>
    <message>
        <source>The server at {0} took too long; this sync round stopped and retries.</source>
        <translation>استغرق الخادم في {0} وقتًا طويلًا؛ توقفت جولة المزامنة هذه وستُعاد.</translation>
    </message>
    <message>
        <source>The server refused this station ({0}): its access was revoked or is for another event. Set the station up again.</source>
        <translation>رفض الخادم هذه المحطة ({0}): أُلغي وصولها أو أنه لفعالية أخرى. أعد إعداد المحطة.</translation>
    </message>
    <message>
        <source>The server refused a request ({0}). Sync retries.</source>
        <translation>رفض الخادم طلبًا ({0}). ستُعاد المزامنة.</translation>
    </message>
    <message>
        <source>The server had an error ({0}). Sync retries.</source>
        <translation>حدث خطأ في الخادم ({0}). ستُعاد المزامنة.</translation>
    </message>
    <message>
        <source>The server sent an answer this station cannot read; nothing was stored.</source>
        <translation>أرسل الخادم ردًا لا تستطيع هذه المحطة قراءته؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than {0} MB; it was not read.</source>
        <translation>ردّ الخادم أكبر من {0} ميغابايت؛ لم تتم قراءته.</translation>
    </message>
    <message>
        <source>The server accepted none of the uploaded entries. Sync retries.</source>
        <translation>لم يقبل الخادم أيًّا من الإدخالات المرفوعة. ستُعاد المزامنة.</translation>
    </message>
    <message>
        <source>The server had more after {0} pages; the next sync round continues.</source>
        <translation>كان لدى الخادم المزيد بعد {0} صفحة؛ تكمل جولة المزامنة التالية.</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly (details in the log). Sync retries.</source>
        <translation>فشلت المزامنة على نحو غير متوقع (التفاصيل في السجل). ستُعاد المحاولة.</translation>
    </message>
    <message>
        <source>Sync failed (details in the log).</source>
        <translation>فشلت المزامنة (التفاصيل في السجل).</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>space</source>
        <translation>مسافة</translation>
    </message>
    <message>
        <source>Hide ⌄</source>
        <translation>إخفاء ⌄</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Welcome — admitted</source>
        <translation>أهلاً — تم الدخول</translation>
    </message>
    <message>
        <source>Exit recorded</source>
        <translation>تم تسجيل الخروج</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>مسجَّل مسبقاً</translation>
    </message>
    <message>
        <source>Not a ticket code</source>
        <translation>ليس رمز تذكرة</translation>
    </message>
    <message>
        <source>Forged or damaged ticket</source>
        <translation>تذكرة مزوّرة أو تالفة</translation>
    </message>
    <message>
        <source>Ticket signed with an unknown key</source>
        <translation>تذكرة موقّعة بمفتاح غير معروف</translation>
    </message>
    <message>
        <source>Ticket for another event</source>
        <translation>تذكرة لفعالية أخرى</translation>
    </message>
    <message>
        <source>Ticket not valid yet</source>
        <translation>التذكرة ليست صالحة بعد</translation>
    </message>
    <message>
        <source>Ticket expired</source>
        <translation>انتهت صلاحية التذكرة</translation>
    </message>
    <message>
        <source>Ticket cancelled</source>
        <translation>التذكرة ملغاة</translation>
    </message>
    <message>
        <source>Wrong entrance for this ticket</source>
        <translation>مدخل خاطئ لهذه التذكرة</translation>
    </message>
    <message>
        <source>Ticket not on the guest list</source>
        <translation>التذكرة ليست في قائمة الضيوف</translation>
    </message>
    <message>
        <source>Please call a supervisor</source>
        <translation>يرجى استدعاء المشرف</translation>
    </message>
    <message>
        <source>Not paid yet</source>
        <translation>لم يُدفع بعد</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>قبل {0} د</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>قبل {0} س</translation>
    </message>
    <message>
        <source>at {0} ({1})</source>
        <translation>الساعة {0} ({1})</translation>
    </message>
    <message>
        <source>another entrance</source>
        <translation>مدخل آخر</translation>
    </message>
    <message>
        <source>First checked in {0} at {1}</source>
        <translation>أول تسجيل {0} عند {1}</translation>
    </message>
    <message>
        <source>Tap to continue</source>
        <translation>المس للمتابعة</translation>
    </message>
    <message>
        <source>Verified offline</source>
        <translation>تم التحقق دون اتصال</translation>
    </message>
</context>
</TS>
