// The programme's regional clusters and municipalities (official Albanian and
// Serbian names), and demo organisations of each type.

export const CLUSTERS = [
  {
    slug: "east",
    nameEn: "East",
    nameSq: "Lindje",
    nameSr: "Istok",
    municipalities: [
      { slug: "novoberde", nameSq: "Novobërdë", nameSr: "Novo Brdo", nameEn: "Novo Brdo" },
      { slug: "gjilan", nameSq: "Gjilan", nameSr: "Gnjilane", nameEn: "Gjilan" },
      { slug: "ranillug", nameSq: "Ranillug", nameSr: "Ranilug", nameEn: "Ranilug" },
      { slug: "kamenice", nameSq: "Kamenicë", nameSr: "Kamenica", nameEn: "Kamenica" },
    ],
  },
  {
    slug: "south",
    nameEn: "South",
    nameSq: "Jug",
    nameSr: "Jug",
    municipalities: [
      { slug: "prizren", nameSq: "Prizren", nameSr: "Prizren", nameEn: "Prizren" },
      { slug: "dragash", nameSq: "Dragash", nameSr: "Dragaš", nameEn: "Dragash" },
      { slug: "shterpce", nameSq: "Shtërpcë", nameSr: "Štrpce", nameEn: "Štrpce" },
    ],
  },
  {
    slug: "west",
    nameEn: "West",
    nameSq: "Perëndim",
    nameSr: "Zapad",
    municipalities: [
      { slug: "kline", nameSq: "Klinë", nameSr: "Klina", nameEn: "Klina" },
      { slug: "istog", nameSq: "Istog", nameSr: "Istok", nameEn: "Istog" },
    ],
  },
] as const;

type OrganisationSeed = {
  name: string;
  type: "MUNICIPALITY" | "CENTRAL_INSTITUTION" | "CIVIL_SOCIETY" | "INTERNATIONAL" | "COMMUNITY_REPRESENTATIVE" | "OTHER";
  municipality?: string;
};

export const ORGANISATIONS: OrganisationSeed[] = [
  { name: "Municipality of Gjilan/Gnjilane", type: "MUNICIPALITY", municipality: "gjilan" },
  { name: "Municipality of Novobërdë/Novo Brdo", type: "MUNICIPALITY", municipality: "novoberde" },
  { name: "Municipality of Prizren", type: "MUNICIPALITY", municipality: "prizren" },
  { name: "Municipality of Shtërpcë/Štrpce", type: "MUNICIPALITY", municipality: "shterpce" },
  { name: "Municipality of Klinë/Klina", type: "MUNICIPALITY", municipality: "kline" },
  { name: "Ministry for Communities and Returns", type: "CENTRAL_INSTITUTION" },
  { name: "Ministry of Internal Affairs, Department for Reintegration of Repatriated Persons", type: "CENTRAL_INSTITUTION" },
  { name: "Office of the Prime Minister, Office for Community Affairs", type: "CENTRAL_INSTITUTION" },
  { name: "Returnee Women's Network East", type: "CIVIL_SOCIETY", municipality: "kamenice" },
  { name: "Youth for Returns Prizren", type: "CIVIL_SOCIETY", municipality: "prizren" },
  { name: "Istog Community Dialogue Centre", type: "CIVIL_SOCIETY", municipality: "istog" },
  { name: "UNHCR Kosovo", type: "INTERNATIONAL" },
  { name: "IOM Kosovo", type: "INTERNATIONAL" },
  { name: "Danish Refugee Council Kosovo", type: "INTERNATIONAL" },
  { name: "Kosovo Serb community representatives, Ranilug", type: "COMMUNITY_REPRESENTATIVE", municipality: "ranillug" },
  { name: "Roma, Ashkali and Egyptian community council, Prizren", type: "COMMUNITY_REPRESENTATIVE", municipality: "prizren" },
  { name: "Gorani community association, Dragash", type: "COMMUNITY_REPRESENTATIVE", municipality: "dragash" },
  { name: "Regional Development Agency East", type: "OTHER", municipality: "gjilan" },
  { name: "Klina Farmers' Cooperative", type: "OTHER", municipality: "kline" },
];

/** One demo account per role. All share DEMO_PASSWORD. */
export const DEMO_PASSWORD = "durable-demo";
export const DEMO_USERS = [
  { email: "admin@durable.localhost", name: "Arben Admin", role: "ADMIN", locale: "en" },
  { email: "trainer@durable.localhost", name: "Teuta Trajnere", role: "TRAINER", locale: "sq" },
  { email: "editor@durable.localhost", name: "Edona Editor", role: "EDITOR", locale: "en" },
  { email: "member@durable.localhost", name: "Milan Članović", role: "MEMBER", locale: "sr" },
] as const;

/** The programme's themes (editable by admins later). */
export const THEMES = [
  { slug: "participation", nameEn: "Participation", nameSq: "Pjesëmarrja", nameSr: "Učešće" },
  { slug: "protection", nameEn: "Protection", nameSq: "Mbrojtja", nameSr: "Zaštita" },
  { slug: "livelihoods", nameEn: "Access to livelihoods", nameSq: "Qasja në mjete jetese", nameSr: "Pristup sredstvima za život" },
  { slug: "housing", nameEn: "Housing and shelter", nameSq: "Strehimi", nameSr: "Stanovanje i smeštaj" },
  { slug: "documentation-property", nameEn: "Documentation and property", nameSq: "Dokumentacioni dhe prona", nameSr: "Dokumentacija i imovina" },
  { slug: "education", nameEn: "Education", nameSq: "Arsimi", nameSr: "Obrazovanje" },
  { slug: "health-psychosocial", nameEn: "Health and psychosocial support", nameSq: "Shëndetësia dhe mbështetja psikosociale", nameSr: "Zdravlje i psihosocijalna podrška" },
  { slug: "community-integration", nameEn: "Community integration and multi-ethnic cohesion", nameSq: "Integrimi në komunitet dhe kohezioni shumetnik", nameSr: "Integracija u zajednicu i multietnička kohezija" },
] as const;
