// Albanian messages (standard Albanian as used in Kosovo). Same keys as en.ts.
import directory from "./directory/sq";
import events from "./events/sq";
import forms from "./forms/sq";
import guidelines from "./guidelines/sq";
import invitations from "./invitations/sq";
import security from "./security/sq";

const sq = {
  guidelines,
  directory,
  events,
  forms,
  invitations,
  security,
  app: {
    name: "Durable",
    tagline: "Ngritja e kapaciteteve për kthim dhe riintegrim",
  },
  nav: {
    home: "Ballina",
    dashboard: "Paneli",
    users: "Përdoruesit",
    mailbox: "Kutia postare",
    login: "Kyçu",
    logout: "Çkyçu",
    register: "Regjistrohu",
    menu: "Menyja",
    skipToContent: "Kalo te përmbajtja",
  },
  language: {
    label: "Gjuha",
    change: "Ndrysho",
  },
  common: {
    save: "Ruaj",
    cancel: "Anulo",
    back: "Kthehu",
    yes: "Po",
    no: "Jo",
    optional: "opsionale",
    never: "asnjëherë",
    previous: "E mëparshmja",
    next: "Tjetra",
    page: "Faqja {{page}} nga {{pages}}",
  },
  roles: {
    ADMIN: "Administrator",
    TRAINER: "Trajnues",
    EDITOR: "Redaktor",
    MEMBER: "Anëtar i komisionit",
  },
  home: {
    title: "Punëtori, tryeza të rrumbullakëta dhe udhëzime për riintegrim",
    intro:
      "Trajnuesit caktojnë punëtori rajonale dhe tryeza të rrumbullakëta, akterët në fushën e kthimit u përgjigjen ftesave të tyre, ndërsa komisionet komunale ndajnë praktikat më të mira, të cilat shndërrohen në udhëzime të programit për riintegrim.",
    clusters: "Klasterët rajonalë",
    municipalityCount_one: "{{count}} komunë",
    municipalityCount_other: "{{count}} komuna",
    getStarted: "Kyçuni ose regjistrohuni për të marrë pjesë.",
  },
  dashboard: {
    title: "Paneli",
    welcome: "Mirë se vini, {{name}}",
    yourRoles: "Rolet tuaja",
    lastLogin: "Jeni kyçur si {{email}}.",
    today: "Sot është {{date}}.",
  },
  auth: {
    email: "Email-i",
    password: "Fjalëkalimi",
    name: "Emri dhe mbiemri",
    confirmPassword: "Përsëritni fjalëkalimin",
    preferredLanguage: "Gjuha e preferuar",
    login: {
      title: "Kyçu",
      submit: "Kyçu",
      forgot: "Keni harruar fjalëkalimin?",
      noAccount: "Nuk keni ende llogari?",
      invalid: "Email-i ose fjalëkalimi nuk është i saktë.",
      locked_one: "Shumë përpjekje të dështuara. Provoni përsëri pas {{count}} minute.",
      locked_other: "Shumë përpjekje të dështuara. Provoni përsëri pas {{count}} minutash.",
      unverified: "Ju lutemi, së pari konfirmoni adresën tuaj të email-it: ju kemi dërguar një lidhje të re.",
      disabled: "Kjo llogari është çaktivizuar. Kontaktoni administratorin e programit.",
    },
    register: {
      title: "Regjistrohu",
      intro:
        "Anëtarët e komisioneve komunale regjistrohen këtu. Anëtarësimin tuaj e konfirmon një trajnues ose administrator.",
      submit: "Krijo llogarinë",
      haveAccount: "Jeni regjistruar tashmë?",
      emailTaken: "Ekziston tashmë një llogari me këtë email.",
      checkEmailTitle: "Kontrolloni email-in tuaj",
      checkEmail:
        "Ju kemi dërguar një lidhje në {{email}}. Hapeni për të konfirmuar adresën tuaj, pastaj kyçuni.",
    },
    verify: {
      title: "Konfirmoni email-in tuaj",
      intro: "Shtypni butonin për të konfirmuar adresën tuaj të email-it.",
      submit: "Konfirmo email-in tim",
      done: "Adresa juaj e email-it është konfirmuar. Tani mund të kyçeni.",
      invalid: "Kjo lidhje nuk është e vlefshme ose ka skaduar. Kyçuni për të marrë një të re.",
    },
    forgot: {
      title: "Fjalëkalimi i harruar",
      intro: "Shkruani email-in tuaj dhe do t'ju dërgojmë një lidhje për të zgjedhur një fjalëkalim të ri.",
      submit: "Dërgo lidhjen",
      sent: "Nëse ekziston një llogari për {{email}}, lidhja është dërguar. Ajo është e vlefshme për një orë.",
    },
    reset: {
      title: "Zgjidhni një fjalëkalim të ri",
      submit: "Ruaj fjalëkalimin e ri",
      done: "Fjalëkalimi juaj është ndryshuar. Kyçuni me fjalëkalimin e ri.",
      invalid: "Kjo lidhje nuk është e vlefshme ose ka skaduar. Kërkoni një të re.",
    },
    logout: {
      title: "Çkyçu",
      submit: "Çkyçu",
    },
  },
  admin: {
    users: {
      title: "Përdoruesit",
      search: "Kërko sipas emrit ose email-it",
      filter: "Kërko",
      name: "Emri",
      email: "Email-i",
      roles: "Rolet",
      status: "Statusi",
      actions: "Veprimet",
      saveRoles: "Ruaj rolet",
      disable: "Çaktivizo",
      enable: "Aktivizo",
      confirmDisable:
        "Të çaktivizohet përdoruesi {{name}}? Do të çkyçet dhe nuk do të mund të kyçet derisa të aktivizohet sërish.",
      active: "Aktiv",
      disabled: "I çaktivizuar",
      unverified: "Email-i i pakonfirmuar",
      rolesSaved: "Rolet e përdoruesit {{name}} u ruajtën.",
      disabledDone: "Përdoruesi {{name}} u çaktivizua.",
      enabledDone: "Përdoruesi {{name}} u aktivizua.",
      noRoles: "Nevojitet të paktën një rol.",
      notYourself: "Nuk mund ta hiqni rolin tuaj të administratorit dhe as ta çaktivizoni llogarinë tuaj.",
      count_one: "{{count}} përdorues",
      count_other: "{{count}} përdorues",
      none: "Asnjë përdorues nuk përputhet me kërkimin.",
      previous: "E mëparshmja",
      next: "Tjetra",
    },
  },
  mailbox: {
    title: "Kutia postare lokale",
    intro: "Pa cilësimet SMTP, email-at ruhen këtu në vend që të dërgohen.",
    empty: "Kutia postare është e zbrazët.",
    to: "Për",
    subject: "Lënda",
    date: "Data",
    html: "HTML",
    text: "Teksti",
    attachments: "Shtojcat",
  },
  validation: {
    required: "Kjo fushë është e detyrueshme.",
    email: "Shkruani një adresë të vlefshme email-i.",
    tooLong: "Vlera është shumë e gjatë.",
    passwordTooShort: "Fjalëkalimi duhet të ketë të paktën 10 karaktere.",
    passwordTooLong: "Fjalëkalimi mund të ketë më së shumti 200 karaktere.",
    passwordsDontMatch: "Fjalëkalimet nuk përputhen.",
    invalidChoice: "Zgjidhni njërin nga opsionet.",
  },
  errors: {
    notFoundTitle: "Faqja nuk u gjet",
    notFound: "Nuk mundëm ta gjejmë këtë faqe. Kontrolloni adresën ose kthehuni në faqen fillestare.",
    forbiddenTitle: "Nuk lejohet",
    forbidden: "Nuk keni leje për ta parë këtë faqe.",
    serverErrorTitle: "Diçka shkoi keq",
    serverError: "Ndodhi një gabim i papritur. Gabimi është regjistruar; ju lutemi provoni përsëri pas pak.",
    badRequestTitle: "Kërkesë e pavlefshme",
    backHome: "Kthehu në faqen fillestare",
  },
  emails: {
    greeting: "Përshëndetje {{name}},",
    footer:
      "Durable: ngritja e kapaciteteve për kthim dhe riintegrim. Këtë email e merrni për shkak të llogarisë suaj ose të një ftese.",
    linkFallback: "Nëse butoni nuk funksionon, kopjoni këtë adresë në shfletuesin tuaj:",
    verify: {
      subject: "Konfirmoni adresën tuaj të email-it",
      preview: "Një klikim për të konfirmuar llogarinë tuaj në Durable",
      body: "Faleminderit që u regjistruat. Ju lutemi konfirmoni adresën tuaj të email-it për të aktivizuar llogarinë.",
      button: "Konfirmo email-in tim",
      expiry: "Lidhja është e vlefshme për 24 orë. Nëse nuk jeni regjistruar ju, shpërfilleni këtë email.",
    },
    reset: {
      subject: "Zgjidhni një fjalëkalim të ri",
      preview: "Një lidhje për të rivendosur fjalëkalimin tuaj në Durable",
      body: "Dikush ka kërkuar rivendosjen e fjalëkalimit të llogarisë suaj. Nëse keni qenë ju, zgjidhni një fjalëkalim të ri me butonin më poshtë.",
      button: "Zgjidh fjalëkalimin e ri",
      expiry:
        "Lidhja është e vlefshme për një orë. Nëse nuk e keni kërkuar ju, shpërfilleni këtë email: fjalëkalimi juaj mbetet i njëjtë.",
    },
  },
};

export default sq;
