import { prisma } from "~/db.server";

export async function listClustersWithMunicipalities() {
  return prisma.cluster.findMany({
    orderBy: { nameEn: "asc" },
    include: { municipalities: { orderBy: { nameSq: "asc" } } },
  });
}
