// Mesazhet për të dhëna që asnjë rregull fushe nuk i emërton (sq): një vlerë
// e llojit të gabuar, një dërgesë që asnjë formular i yni nuk e dërgon.
// Të njëjtat çelësa si en.ts.
const forms = {
  invalid: "Kjo vlerë nuk është e vlefshme. Kontrollojeni dhe dërgojeni formularin përsëri.",
  tooBig: "Kjo vlerë është shumë e madhe.",
  tooSmall: "Kjo vlerë është shumë e vogël.",
  refused: {
    title: "Formulari nuk mund të lexohej",
    text: "Kthehuni te faqja, ringarkojeni dhe dërgojeni formularin përsëri.",
    tooLarge: "Ajo që u dërgua është shumë e madhe. Shkurtoni tekstet më të gjata dhe dërgojeni formularin përsëri.",
  },
};

export default forms;
