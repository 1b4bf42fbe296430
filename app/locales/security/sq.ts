// Mesazhet e kufizimeve të përpjekjeve dhe mbrojtjeve të tjera (sq). Të njëjtët çelësa si en.ts.
const security = {
  tooMany: {
    register_one: "Shumë përpjekje për regjistrim nga ky rrjet ose për këtë adresë email-i. Ju lutemi provoni përsëri pas {{count}} minute.",
    register_other: "Shumë përpjekje për regjistrim nga ky rrjet ose për këtë adresë email-i. Ju lutemi provoni përsëri pas {{count}} minutash.",
    reset_one:
      "Keni kërkuar fjalëkalim të ri disa herë brenda një kohe të shkurtër. Nëse ekziston një llogari me këtë adresë, lidhja është tashmë në rrugë: shikoni kutinë hyrëse dhe dosjen e postës së padëshiruar (spam). Mund të kërkoni përsëri pas {{count}} minute.",
    reset_other:
      "Keni kërkuar fjalëkalim të ri disa herë brenda një kohe të shkurtër. Nëse ekziston një llogari me këtë adresë, lidhja është tashmë në rrugë: shikoni kutinë hyrëse dhe dosjen e postës së padëshiruar (spam). Mund të kërkoni përsëri pas {{count}} minutash.",
    subscribe_one: "Keni kërkuar të ndiqni një udhëzues disa herë brenda një kohe të shkurtër. Një email konfirmimi është tashmë në rrugë: shikoni kutinë hyrëse dhe dosjen e postës së padëshiruar (spam). Mund të kërkoni përsëri pas {{count}} minute.",
    subscribe_other: "Keni kërkuar të ndiqni një udhëzues disa herë brenda një kohe të shkurtër. Një email konfirmimi është tashmë në rrugë: shikoni kutinë hyrëse dhe dosjen e postës së padëshiruar (spam). Mund të kërkoni përsëri pas {{count}} minutash.",
    answer_one: "Përgjigjja juaj nuk u ruajt: u dërguan shumë përgjigje brenda një kohe të shkurtër. Ju lutemi provoni përsëri pas {{count}} minute.",
    answer_other: "Përgjigjja juaj nuk u ruajt: u dërguan shumë përgjigje brenda një kohe të shkurtër. Ju lutemi provoni përsëri pas {{count}} minutash.",
  },
};

export default security;
