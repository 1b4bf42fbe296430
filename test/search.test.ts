import { foldForSearch, foldQuery } from "~/utils/search";

describe("accent-insensitive search text", () => {
  it("finds Albanian and Serbian names typed without accents", () => {
    expect(foldForSearch("Novobërdë")).toContain(foldQuery("Novoberde"));
    expect(foldForSearch("Štrpce")).toContain(foldQuery("Strpce"));
    expect(foldForSearch("Kamenicë", "Kamenica")).toContain(foldQuery("kamenice"));
  });

  it("accepts both dj and d for đ", () => {
    const folded = foldForSearch("Đorđe Đurić");
    expect(folded).toContain(foldQuery("djordje"));
    expect(folded).toContain("dorde");
    expect(folded).toContain(foldQuery("Đurić"));
  });

  it("does not match what is not there", () => {
    expect(foldForSearch("Gjilan")).not.toContain(foldQuery("Prizren"));
  });
});
