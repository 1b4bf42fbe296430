// Serbian Latin -> Cyrillic (Vuk's alphabet). The Latin messages are the
// source; the Cyrillic ones are derived, so they can never fall out of step.
const DIGRAPHS: Record<string, string> = {
  Dž: "Џ", DŽ: "Џ", dž: "џ", Lj: "Љ", LJ: "Љ", lj: "љ", Nj: "Њ", NJ: "Њ", nj: "њ",
};
const LETTERS: Record<string, string> = {
  A: "А", B: "Б", C: "Ц", Č: "Ч", Ć: "Ћ", D: "Д", Đ: "Ђ", E: "Е", F: "Ф", G: "Г", H: "Х",
  I: "И", J: "Ј", K: "К", L: "Л", M: "М", N: "Н", O: "О", P: "П", R: "Р", S: "С", Š: "Ш",
  T: "Т", U: "У", V: "В", Z: "З", Ž: "Ж",
  a: "а", b: "б", c: "ц", č: "ч", ć: "ћ", d: "д", đ: "ђ", e: "е", f: "ф", g: "г", h: "х",
  i: "и", j: "ј", k: "к", l: "л", m: "м", n: "н", o: "о", p: "п", r: "р", s: "с", š: "ш",
  t: "т", u: "у", v: "в", z: "з", ž: "ж",
};

// Parts that must stay as they are: interpolation placeholders, URLs, email
// addresses, markup tags and names that are never transliterated.
const KEEP = /(\{\{[^}]*\}\}|https?:\/\/\S+|\S+@\S+|<\/?\d+>|\b(?:Durable|SMTP|HTML|CSV|XLSX|PDF|QR|ICS|iCal)\b)/u;

export function latinToCyrillic(text: string): string {
  return text
    .split(KEEP)
    .map((part, index) => (index % 2 === 1 ? part : convert(part)))
    .join("");
}

function convert(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i, i + 2);
    if (DIGRAPHS[pair]) {
      out += DIGRAPHS[pair];
      i++;
      continue;
    }
    const ch = text[i];
    out += LETTERS[ch] ?? ch;
  }
  return out;
}
