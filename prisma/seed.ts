// Idempotent demo data: run it as often as you like (npm start runs it on
// every start); it adds what is missing and changes nothing a user changed.
import { createPrismaClient } from "../app/db.server";
import { foldForSearch } from "../app/utils/search";
import { hashPassword } from "../app/utils/password.server";
import { CLUSTERS, DEMO_PASSWORD, DEMO_USERS, ORGANISATIONS, THEMES } from "./seed-data";
import { seedDirectory } from "./seed-directory";

/**
 * `programme` adds the demo events, invitations, contributions and guideline
 * (prisma/seed-programme.ts); `npm start` asks for it, tests only when they
 * test it. It needs the demo accounts, and url must be DATABASE_URL's database.
 */
export async function seed(url?: string, options: { demoUsers?: boolean; programme?: boolean } = {}) {
  const prisma = createPrismaClient(url);
  try {
    const municipalityIds = new Map<string, string>();
    for (const cluster of CLUSTERS) {
      const { municipalities, ...names } = cluster;
      const saved = await prisma.cluster.upsert({ where: { slug: cluster.slug }, update: {}, create: names });
      for (const m of municipalities) {
        const row = await prisma.municipality.upsert({
          where: { slug: m.slug },
          update: {},
          create: { ...m, clusterId: saved.id, searchText: foldForSearch(m.nameSq, m.nameSr, m.nameEn) },
        });
        municipalityIds.set(m.slug, row.id);
      }
    }
    for (const org of ORGANISATIONS) {
      await prisma.organisation.upsert({
        where: { name_type: { name: org.name, type: org.type } },
        update: {},
        create: {
          name: org.name,
          type: org.type,
          municipalityId: org.municipality ? municipalityIds.get(org.municipality) : null,
          searchText: foldForSearch(org.name),
        },
      });
    }
    const directory = await seedDirectory(prisma, municipalityIds);
    for (const [sortOrder, theme] of THEMES.entries()) {
      await prisma.theme.upsert({ where: { slug: theme.slug }, update: {}, create: { ...theme, sortOrder } });
    }
    const created: string[] = [];
    if (options.demoUsers ?? true) {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      for (const demo of DEMO_USERS) {
        const exists = await prisma.user.findUnique({ where: { email: demo.email }, select: { id: true } });
        if (exists) continue;
        await prisma.user.create({
          data: {
            email: demo.email,
            name: demo.name,
            locale: demo.locale,
            passwordHash,
            emailVerifiedAt: new Date(),
            roles: { create: [{ role: demo.role }] },
          },
        });
        created.push(demo.email);
      }
    }
    // Loaded only when asked for: it brings in the app's models.
    const programme = options.programme ? await (await import("./seed-programme")).seedProgramme(url) : null;
    return {
      programme,
      clusters: CLUSTERS.length,
      municipalities: municipalityIds.size,
      organisations: ORGANISATIONS.length,
      themes: THEMES.length,
      directory,
      created,
    };
  } finally {
    await prisma.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // What this writes (the database, backups) is for this user's eyes only: people's data.
  process.umask(0o077);
  const demoUsers = process.env.SEED_DEMO_USERS !== "off";
  const result = await seed(undefined, { demoUsers, programme: demoUsers });
  console.log(
    `Seeded ${result.clusters} clusters, ${result.municipalities} municipalities, ${result.organisations} organisations, ${result.themes} themes` +
      (result.created.length ? `; new demo accounts: ${result.created.length}` : "") +
      (result.programme?.events ? `; demo programme: ${result.programme.events} events, ${result.programme.contributions} contributions` : ""),
  );
  if (demoUsers) {
    console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const demo of DEMO_USERS) console.log(`  ${demo.role.padEnd(8)} ${demo.email}`);
  }
}
