// Poruke za unos koji nijedno pravilo polja ne imenuje (sr, latinica):
// vrednost pogrešne vrste, slanje koje nijedan naš obrazac ne šalje.
// Isti ključevi kao en.ts.
const forms = {
  invalid: "Ova vrednost nije ispravna. Proverite je i ponovo pošaljite obrazac.",
  tooBig: "Ova vrednost je prevelika.",
  tooSmall: "Ova vrednost je premala.",
  refused: {
    title: "Obrazac nije mogao da se pročita",
    text: "Vratite se na stranicu, ponovo je učitajte i ponovo pošaljite obrazac.",
    tooLarge: "Poslato je preveliko. Skratite najduže tekstove i ponovo pošaljite obrazac.",
  },
};

export default forms;
