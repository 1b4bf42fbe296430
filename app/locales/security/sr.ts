// Poruke ograničenja broja pokušaja i drugih zaštita (sr, latinica). Isti ključevi kao en.ts.
const security = {
  tooMany: {
    register_one: "Previše pokušaja registracije sa ove mreže ili za ovu adresu e-pošte. Pokušajte ponovo za {{count}} minut.",
    register_few: "Previše pokušaja registracije sa ove mreže ili za ovu adresu e-pošte. Pokušajte ponovo za {{count}} minuta.",
    register_other: "Previše pokušaja registracije sa ove mreže ili za ovu adresu e-pošte. Pokušajte ponovo za {{count}} minuta.",
    reset_one:
      "Više puta ste u kratkom roku tražili novu lozinku. Ako postoji nalog sa ovom adresom, link je već poslat: pogledajte prijemno sanduče i fasciklu za neželjenu poštu. Ponovo možete tražiti za {{count}} minut.",
    reset_few:
      "Više puta ste u kratkom roku tražili novu lozinku. Ako postoji nalog sa ovom adresom, link je već poslat: pogledajte prijemno sanduče i fasciklu za neželjenu poštu. Ponovo možete tražiti za {{count}} minuta.",
    reset_other:
      "Više puta ste u kratkom roku tražili novu lozinku. Ako postoji nalog sa ovom adresom, link je već poslat: pogledajte prijemno sanduče i fasciklu za neželjenu poštu. Ponovo možete tražiti za {{count}} minuta.",
    subscribe_one: "Više puta ste u kratkom roku tražili da pratite smernice. Poruka za potvrdu je već poslata: pogledajte prijemno sanduče i fasciklu za neželjenu poštu. Ponovo možete tražiti za {{count}} minut.",
    subscribe_few: "Više puta ste u kratkom roku tražili da pratite smernice. Poruka za potvrdu je već poslata: pogledajte prijemno sanduče i fasciklu za neželjenu poštu. Ponovo možete tražiti za {{count}} minuta.",
    subscribe_other: "Više puta ste u kratkom roku tražili da pratite smernice. Poruka za potvrdu je već poslata: pogledajte prijemno sanduče i fasciklu za neželjenu poštu. Ponovo možete tražiti za {{count}} minuta.",
    answer_one: "Vaš odgovor nije sačuvan: poslato je previše odgovora u kratkom roku. Pokušajte ponovo za {{count}} minut.",
    answer_few: "Vaš odgovor nije sačuvan: poslato je previše odgovora u kratkom roku. Pokušajte ponovo za {{count}} minuta.",
    answer_other: "Vaš odgovor nije sačuvan: poslato je previše odgovora u kratkom roku. Pokušajte ponovo za {{count}} minuta.",
  },
};

export default security;
