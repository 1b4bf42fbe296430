// Serbian messages in Latin script (ekavian). The Cyrillic set is derived from
// this file by transliteration. Same keys as en.ts, with _one/_few/_other plurals.
import directory from "./directory/sr";
import events from "./events/sr";
import forms from "./forms/sr";
import guidelines from "./guidelines/sr";
import invitations from "./invitations/sr";
import security from "./security/sr";

const sr = {
  guidelines,
  directory,
  events,
  forms,
  invitations,
  security,
  app: {
    name: "Durable",
    tagline: "Izgradnja kapaciteta za povratak i reintegraciju",
  },
  nav: {
    home: "Početna",
    dashboard: "Kontrolna tabla",
    users: "Korisnici",
    mailbox: "Poštansko sanduče",
    login: "Prijava",
    logout: "Odjava",
    register: "Registracija",
    menu: "Meni",
    skipToContent: "Preskoči na sadržaj",
  },
  language: {
    label: "Jezik",
    change: "Promeni",
  },
  common: {
    save: "Sačuvaj",
    cancel: "Otkaži",
    back: "Nazad",
    yes: "Da",
    no: "Ne",
    optional: "neobavezno",
    never: "nikad",
  },
  roles: {
    ADMIN: "Administrator",
    TRAINER: "Trener",
    EDITOR: "Urednik",
    MEMBER: "Član komisije",
  },
  home: {
    title: "Radionice, okrugli stolovi i smernice za reintegraciju",
    intro:
      "Treneri zakazuju regionalne radionice i okrugle stolove, akteri u oblasti povratka odgovaraju na njihove pozive, a opštinske komisije razmenjuju primere najbolje prakse koji postaju smernice programa za reintegraciju.",
    clusters: "Regionalni klasteri",
    municipalityCount_one: "{{count}} opština",
    municipalityCount_few: "{{count}} opštine",
    municipalityCount_other: "{{count}} opština",
    getStarted: "Prijavite se ili se registrujte da biste učestvovali.",
  },
  dashboard: {
    title: "Kontrolna tabla",
    welcome: "Dobro došli, {{name}}",
    yourRoles: "Vaše uloge",
    lastLogin: "Prijavljeni ste kao {{email}}.",
    today: "Danas je {{date}}.",
  },
  auth: {
    email: "E-pošta",
    password: "Lozinka",
    name: "Ime i prezime",
    confirmPassword: "Ponovite lozinku",
    preferredLanguage: "Željeni jezik",
    login: {
      title: "Prijava",
      submit: "Prijavi se",
      forgot: "Zaboravili ste lozinku?",
      noAccount: "Još nemate nalog?",
      invalid: "E-pošta ili lozinka nisu ispravni.",
      locked_one: "Previše neuspešnih pokušaja. Pokušajte ponovo za {{count}} minut.",
      locked_few: "Previše neuspešnih pokušaja. Pokušajte ponovo za {{count}} minuta.",
      locked_other: "Previše neuspešnih pokušaja. Pokušajte ponovo za {{count}} minuta.",
      unverified: "Najpre potvrdite svoju adresu e-pošte: poslali smo vam novi link.",
      disabled: "Ovaj nalog je deaktiviran. Obratite se administratoru programa.",
    },
    register: {
      title: "Registracija",
      intro:
        "Članovi opštinskih komisija se registruju ovde. Vaše članstvo potvrđuje trener ili administrator.",
      submit: "Napravi nalog",
      haveAccount: "Već ste registrovani?",
      emailTaken: "Nalog sa ovom adresom e-pošte već postoji.",
      checkEmailTitle: "Proverite e-poštu",
      checkEmail:
        "Poslali smo link na {{email}}. Otvorite ga da biste potvrdili svoju adresu, a zatim se prijavite.",
    },
    verify: {
      title: "Potvrdite svoju e-poštu",
      intro: "Pritisnite dugme da biste potvrdili svoju adresu e-pošte.",
      submit: "Potvrdi moju e-poštu",
      done: "Vaša adresa e-pošte je potvrđena. Sada se možete prijaviti.",
      invalid: "Ovaj link nije važeći ili je istekao. Prijavite se da biste dobili novi.",
    },
    forgot: {
      title: "Zaboravljena lozinka",
      intro: "Unesite svoju adresu e-pošte i poslaćemo vam link za izbor nove lozinke.",
      submit: "Pošalji link",
      sent: "Ako postoji nalog za {{email}}, link je poslat. Važi jedan sat.",
    },
    reset: {
      title: "Izaberite novu lozinku",
      submit: "Sačuvaj novu lozinku",
      done: "Vaša lozinka je promenjena. Prijavite se novom lozinkom.",
      invalid: "Ovaj link nije važeći ili je istekao. Zatražite novi.",
    },
    logout: {
      title: "Odjava",
      submit: "Odjavi se",
    },
  },
  admin: {
    users: {
      title: "Korisnici",
      search: "Pretraga po imenu ili e-pošti",
      filter: "Pretraži",
      name: "Ime",
      email: "E-pošta",
      roles: "Uloge",
      status: "Status",
      actions: "Radnje",
      saveRoles: "Sačuvaj uloge",
      disable: "Deaktiviraj",
      enable: "Aktiviraj",
      confirmDisable:
        "Deaktivirati nalog korisnika {{name}}? Korisnik će biti odjavljen i neće moći da se prijavi dok nalog ponovo ne bude aktiviran.",
      active: "Aktivan",
      disabled: "Deaktiviran",
      unverified: "E-pošta nije potvrđena",
      rolesSaved: "Uloge korisnika {{name}} su sačuvane.",
      disabledDone: "Nalog korisnika {{name}} je deaktiviran.",
      enabledDone: "Nalog korisnika {{name}} je aktiviran.",
      noRoles: "Potrebna je bar jedna uloga.",
      notYourself: "Ne možete ukloniti sopstvenu ulogu administratora niti deaktivirati sopstveni nalog.",
      count_one: "{{count}} korisnik",
      count_few: "{{count}} korisnika",
      count_other: "{{count}} korisnika",
      none: "Nema korisnika koji odgovaraju pretrazi.",
      previous: "Prethodna",
      next: "Sledeća",
    },
  },
  mailbox: {
    title: "Lokalno poštansko sanduče",
    intro: "Bez SMTP podešavanja, poruke e-pošte se čuvaju ovde umesto da budu poslate.",
    empty: "Poštansko sanduče je prazno.",
    to: "Prima",
    subject: "Predmet",
    date: "Datum",
    html: "HTML",
    text: "Tekst",
    attachments: "Prilozi",
  },
  validation: {
    required: "Ovo polje je obavezno.",
    email: "Unesite važeću adresu e-pošte.",
    tooLong: "Unos je predugačak.",
    passwordTooShort: "Lozinka mora imati najmanje 10 znakova.",
    passwordTooLong: "Lozinka može imati najviše 200 znakova.",
    passwordsDontMatch: "Lozinke se ne podudaraju.",
    invalidChoice: "Izaberite jednu od ponuđenih opcija.",
  },
  errors: {
    notFoundTitle: "Stranica nije pronađena",
    notFound: "Nismo mogli da pronađemo ovu stranicu. Proverite adresu ili se vratite na početnu stranicu.",
    forbiddenTitle: "Pristup nije dozvoljen",
    forbidden: "Nemate dozvolu da vidite ovu stranicu.",
    serverErrorTitle: "Nešto nije u redu",
    serverError: "Došlo je do neočekivane greške. Greška je zabeležena; pokušajte ponovo za nekoliko trenutaka.",
    badRequestTitle: "Neispravan zahtev",
    backHome: "Nazad na početnu stranicu",
  },
  emails: {
    greeting: "Dobar dan, {{name}},",
    footer:
      "Durable: izgradnja kapaciteta za povratak i reintegraciju. Ovu poruku primate zbog svog naloga ili poziva koji ste dobili.",
    linkFallback: "Ako dugme ne radi, kopirajte ovu adresu u svoj pregledač:",
    verify: {
      subject: "Potvrdite svoju adresu e-pošte",
      preview: "Jednim klikom potvrdite svoj nalog na platformi Durable",
      body: "Hvala vam što ste se registrovali. Potvrdite svoju adresu e-pošte da biste aktivirali nalog.",
      button: "Potvrdi moju e-poštu",
      expiry: "Link važi 24 sata. Ako se niste registrovali, zanemarite ovu poruku.",
    },
    reset: {
      subject: "Izaberite novu lozinku",
      preview: "Link za ponovno postavljanje lozinke na platformi Durable",
      body: "Neko je zatražio ponovno postavljanje lozinke za vaš nalog. Ako ste to bili vi, izaberite novu lozinku pomoću dugmeta ispod.",
      button: "Izaberi novu lozinku",
      expiry: "Link važi jedan sat. Ako ga niste zatražili, zanemarite ovu poruku: vaša lozinka ostaje ista.",
    },
  },
};

export default sr;
