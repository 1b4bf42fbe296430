import { safeRedirect } from "~/utils/auth.server";

describe("safeRedirect", () => {
  it.each([
    "/%09/evil.example",
    "/\t/evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/\x00",
    "/\x01admin",
    "/a\nb",
    "/a\rb",
    "/\x7f",
    "/\u0085",
    "/ж",
    "/%E2%80%A8",
    "/\u2028",
    "/%0d%0aSet-Cookie:x=1",
    "/%00",
  ])("refuses %j", (bad) => {
    expect(safeRedirect(bad)).toBe("/dashboard");
    expect(safeRedirect(bad, "/")).toBe("/");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirect(null)).toBe("/dashboard");
    expect(safeRedirect(undefined)).toBe("/dashboard");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/dashboard");
  });

  it.each([
    "/",
    "/dashboard",
    "/events?month=2027-05",
    "/events?month=2027-05#list",
    "/guidelines/returns-handbook?q=strehim%20sociale#section-2",
    "/people?q=%C3%AB",
    "/events/abc/invitations?tab=list&page=2",
  ])("keeps %j as it is", (good) => {
    expect(safeRedirect(good)).toBe(good);
  });
});
