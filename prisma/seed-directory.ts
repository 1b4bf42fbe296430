// The demo stakeholder directory: a municipal commission in each of the nine
// municipalities and 72 stakeholders spread across them (as in the programme
// documents), so that a fresh `npm start` shows a living directory.
// Idempotent: people are matched by email, memberships by (commission, person).
import type { PrismaClient } from "../app/generated/prisma/client";
import type { CommissionRole, Community, Gender } from "../app/generated/prisma/enums";
import { foldForSearch, foldQuery } from "../app/utils/search";

export const DEMO_COMMISSION_NAME = "Municipal Commission for Communities and Returns";

type Seat = [name: string, gender: "W" | "M", community: Community, organisation: string, position: string, locale: "sq" | "sr" | "sr-Cyrl" | "en"];

const MCR = "Ministry for Communities and Returns";
const MIA = "Ministry of Internal Affairs, Department for Reintegration of Repatriated Persons";
const OCA = "Office of the Prime Minister, Office for Community Affairs";

/** Eight stakeholders per municipality; the first four sit on its commission (chair, deputy, secretary, member). */
export const DEMO_DIRECTORY: Record<string, Seat[]> = {
  novoberde: [
    ["Valbona Hasani", "W", "KOSOVO_ALBANIAN", "Municipality of Novobërdë/Novo Brdo", "Municipal Officer for Communities and Returns", "sq"],
    ["Dragan Stanković", "M", "KOSOVO_SERB", "Municipality of Novobërdë/Novo Brdo", "Deputy Mayor for Communities", "sr"],
    ["Jelena Mitić", "W", "KOSOVO_SERB", "Municipality of Novobërdë/Novo Brdo", "Head of Office for Communities", "sr"],
    ["Bekim Rexhepi", "M", "KOSOVO_ALBANIAN", "Returnee Women's Network East", "Project coordinator", "sq"],
    ["Sanije Berisha", "W", "ROMA", "Returnee Women's Network East", "Community mediator", "sq"],
    ["Nenad Ristić", "M", "KOSOVO_SERB", MCR, "Regional returns officer", "sr"],
    ["Ardian Gashi", "M", "KOSOVO_ALBANIAN", "Regional Development Agency East", "Livelihoods advisor", "sq"],
    ["Ljiljana Đorđević", "W", "KOSOVO_SERB", "UNHCR Kosovo", "Field associate", "sr"],
  ],
  gjilan: [
    ["Arbërie Krasniqi", "W", "KOSOVO_ALBANIAN", "Municipality of Gjilan/Gnjilane", "Director of Social Welfare", "sq"],
    ["Fitim Zeqiri", "M", "KOSOVO_ALBANIAN", "Municipality of Gjilan/Gnjilane", "Municipal Officer for Communities and Returns", "sq"],
    ["Miroslav Petković", "M", "KOSOVO_SERB", "Municipality of Gjilan/Gnjilane", "Deputy Chair of the Municipal Assembly", "sr"],
    ["Sebahate Ismaili", "W", "ASHKALI", "Municipality of Gjilan/Gnjilane", "Community liaison", "sq"],
    ["Gëzim Mustafa", "M", "KOSOVO_ALBANIAN", "Regional Development Agency East", "Director", "sq"],
    ["Hatixhe Ajeti", "W", "ROMA", "Returnee Women's Network East", "Field worker", "sq"],
    ["Marko Savić", "M", "KOSOVO_SERB", "IOM Kosovo", "Reintegration assistant", "sr"],
    ["Drita Osmani", "W", "KOSOVO_ALBANIAN", MIA, "Case manager", "sq"],
  ],
  ranillug: [
    ["Zoran Milenković", "M", "KOSOVO_SERB", "Kosovo Serb community representatives, Ranilug", "Community representative", "sr-Cyrl"],
    ["Snežana Arsić", "W", "KOSOVO_SERB", "Kosovo Serb community representatives, Ranilug", "Municipal returns officer", "sr"],
    ["Dejan Trajković", "M", "KOSOVO_SERB", "Kosovo Serb community representatives, Ranilug", "Youth representative", "sr"],
    ["Ilir Sadiku", "M", "KOSOVO_ALBANIAN", "Kosovo Serb community representatives, Ranilug", "Municipal assembly member", "sq"],
    ["Vesna Stojanović", "W", "KOSOVO_SERB", "Danish Refugee Council Kosovo", "Protection officer", "sr"],
    ["Goran Nikolić", "M", "KOSOVO_SERB", MCR, "Returns field officer", "sr"],
    ["Dušica Marković", "W", "KOSOVO_SERB", OCA, "Advisor for communities", "sr"],
    ["Muhamet Azemi", "M", "ROMA", "Returnee Women's Network East", "Community mediator", "sq"],
  ],
  kamenice: [
    ["Blerta Shala", "W", "KOSOVO_ALBANIAN", "Returnee Women's Network East", "Executive director", "sq"],
    ["Srđan Vasić", "M", "KOSOVO_SERB", "Returnee Women's Network East", "Board member", "sr"],
    ["Mimoza Ahmeti", "W", "KOSOVO_ALBANIAN", "Returnee Women's Network East", "Programme officer", "sq"],
    ["Behar Kadriu", "M", "ROMA", "Returnee Women's Network East", "Roma community representative", "sq"],
    ["Tamara Ilić", "W", "KOSOVO_SERB", "UNHCR Kosovo", "Protection assistant", "sr"],
    ["Agron Bytyqi", "M", "KOSOVO_ALBANIAN", MIA, "Reintegration officer", "sq"],
    ["Fatmire Salihu", "W", "ASHKALI", "Returnee Women's Network East", "Volunteer", "sq"],
    ["Predrag Lazić", "M", "KOSOVO_SERB", MCR, "Housing engineer", "sr"],
  ],
  prizren: [
    ["Elmaz Gashi", "M", "EGYPTIAN", "Roma, Ashkali and Egyptian community council, Prizren", "Council chair", "sq"],
    ["Nermina Kryeziu", "W", "BOSNIAK", "Municipality of Prizren", "Municipal Officer for Communities and Returns", "sq"],
    ["Erkan Sezer", "M", "TURKISH", "Municipality of Prizren", "Deputy Mayor for Communities", "sq"],
    ["Lindita Morina", "W", "KOSOVO_ALBANIAN", "Municipality of Prizren", "Head of Education Department", "sq"],
    ["Shpresa Krasniqi", "W", "ASHKALI", "Roma, Ashkali and Egyptian community council, Prizren", "Education mediator", "sq"],
    ["Avdi Berisha", "M", "ROMA", "Youth for Returns Prizren", "Youth worker", "sq"],
    ["Adnan Hodžić", "M", "BOSNIAK", "Youth for Returns Prizren", "Coordinator", "sq"],
    ["Ayşe Yılmaz", "W", "TURKISH", "IOM Kosovo", "Project assistant", "en"],
  ],
  dragash: [
    ["Senad Demiri", "M", "GORANI", "Gorani community association, Dragash", "Chair of the association", "sr"],
    ["Fikrije Hoxha", "W", "KOSOVO_ALBANIAN", "Gorani community association, Dragash", "Municipal returns officer", "sq"],
    ["Ismet Bajrami", "M", "GORANI", "Gorani community association, Dragash", "Secretary", "sr"],
    ["Elvira Ramadani", "W", "BOSNIAK", "Gorani community association, Dragash", "Teacher", "sq"],
    ["Refik Murati", "M", "GORANI", "Danish Refugee Council Kosovo", "Livelihoods officer", "sr"],
    ["Arta Islami", "W", "KOSOVO_ALBANIAN", OCA, "Policy officer", "sq"],
    ["Nazif Kurteshi", "M", "GORANI", MCR, "Field monitor", "sr"],
    ["Merita Emini", "W", "KOSOVO_ALBANIAN", "UNHCR Kosovo", "Community-based protection assistant", "sq"],
  ],
  shterpce: [
    ["Bratislav Todorović", "M", "KOSOVO_SERB", "Municipality of Shtërpcë/Štrpce", "Municipal Officer for Communities and Returns", "sr-Cyrl"],
    ["Milica Petrović", "W", "KOSOVO_SERB", "Municipality of Shtërpcë/Štrpce", "Head of Social Services", "sr"],
    ["Kushtrim Halimi", "M", "KOSOVO_ALBANIAN", "Municipality of Shtërpcë/Štrpce", "Deputy Mayor for Communities", "sq"],
    ["Olivera Janković", "W", "KOSOVO_SERB", "Municipality of Shtërpcë/Štrpce", "Municipal assembly member", "sr"],
    ["Vladimir Kostić", "M", "KOSOVO_SERB", "IOM Kosovo", "Field assistant", "sr"],
    ["Teuta Rama", "W", "KOSOVO_ALBANIAN", MIA, "Reintegration case manager", "sq"],
    ["Nikola Živković", "M", "KOSOVO_SERB", MCR, "Returns officer", "sr"],
    ["Gordana Simić", "W", "KOSOVO_SERB", "Danish Refugee Council Kosovo", "Legal aid officer", "sr"],
  ],
  kline: [
    ["Besnik Thaçi", "M", "KOSOVO_ALBANIAN", "Municipality of Klinë/Klina", "Municipal Officer for Communities and Returns", "sq"],
    ["Violeta Krasniqi", "W", "KOSOVO_ALBANIAN", "Municipality of Klinë/Klina", "Director of Public Services", "sq"],
    ["Dragana Bogdanović", "W", "KOSOVO_SERB", "Municipality of Klinë/Klina", "Returnee representative", "sr"],
    ["Gani Elshani", "M", "EGYPTIAN", "Municipality of Klinë/Klina", "Egyptian community representative", "sq"],
    ["Albana Kelmendi", "W", "KOSOVO_ALBANIAN", "Klina Farmers' Cooperative", "Cooperative manager", "sq"],
    ["Slobodan Perić", "M", "KOSOVO_SERB", "Klina Farmers' Cooperative", "Member", "sr"],
    ["Remzije Dervishi", "W", "ASHKALI", "UNHCR Kosovo", "Community mobiliser", "sq"],
    ["Lulzim Sylaj", "M", "KOSOVO_ALBANIAN", OCA, "Regional coordinator", "sq"],
  ],
  istog: [
    ["Shqipe Berisha", "W", "KOSOVO_ALBANIAN", "Istog Community Dialogue Centre", "Director", "sq"],
    ["Radomir Vuković", "M", "KOSOVO_SERB", "Istog Community Dialogue Centre", "Returnee community representative", "sr"],
    ["Emina Kurtović", "W", "BOSNIAK", "Istog Community Dialogue Centre", "Programme officer", "sq"],
    ["Afrim Dreshaj", "M", "KOSOVO_ALBANIAN", "Istog Community Dialogue Centre", "Municipal returns officer", "sq"],
    ["Jasmina Radović", "W", "KOSOVO_SERB", "Danish Refugee Council Kosovo", "Housing assistant", "sr"],
    ["Naim Hyseni", "M", "ROMA", "Istog Community Dialogue Centre", "Roma community mediator", "sq"],
    ["Katarina Milić", "W", "KOSOVO_SERB", MCR, "Returns officer", "sr"],
    ["Rrahman Tahiri", "M", "ASHKALI", MIA, "Reintegration officer", "sq"],
  ],
};

const ROLES: CommissionRole[] = ["CHAIR", "DEPUTY_CHAIR", "SECRETARY", "MEMBER"];

/** name.surname@demo address, accent-free, so the demo never mails a real person. */
function demoEmail(name: string) {
  return `${foldQuery(name).replace(/ı/g, "i").replace(/[^a-z ]/g, "").trim().replace(/\s+/g, ".")}@demo.durable.localhost`;
}

export async function seedDirectory(prisma: PrismaClient, municipalityIds: Map<string, string>) {
  const organisations = new Map((await prisma.organisation.findMany()).map((o) => [o.name, o]));
  const municipalities = new Map((await prisma.municipality.findMany()).map((m) => [m.id, m]));
  let people = 0;
  for (const [slug, seats] of Object.entries(DEMO_DIRECTORY)) {
    const municipalityId = municipalityIds.get(slug);
    if (!municipalityId) continue;
    const commission = await prisma.commission.upsert({
      where: { municipalityId_name: { municipalityId, name: DEMO_COMMISSION_NAME } },
      update: {},
      create: { municipalityId, name: DEMO_COMMISSION_NAME },
    });
    for (const [index, [name, gender, community, organisationName, position, locale]] of seats.entries()) {
      const email = demoEmail(name);
      const organisation = organisations.get(organisationName) ?? null;
      const municipality = municipalities.get(municipalityId)!;
      const person = await prisma.person.upsert({
        where: { email },
        update: {},
        create: {
          name,
          email,
          position,
          locale,
          gender: (gender === "W" ? "WOMAN" : "MAN") satisfies Gender,
          community,
          organisationId: organisation?.id ?? null,
          municipalityId,
          consentGivenAt: new Date("2026-02-02T00:00:00Z"),
          consentText: "I agree that the programme keeps my contact details and, for donor reports in aggregate, my gender and community.",
          searchText: foldForSearch(name, email, organisation?.name, municipality.nameSq, municipality.nameSr, municipality.nameEn),
        },
      });
      people++;
      if (index < ROLES.length) {
        await prisma.commissionMember.upsert({
          where: { commissionId_personId: { commissionId: commission.id, personId: person.id } },
          update: {},
          create: { commissionId: commission.id, personId: person.id, role: ROLES[index] },
        });
      }
    }
  }
  return { commissions: Object.keys(DEMO_DIRECTORY).length, people };
}
