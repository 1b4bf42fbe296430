import type { Role } from "~/generated/prisma/enums";

/** The roles an account can hold, in the order pages list them. Shared by server and browser. */
export const ROLES: readonly Role[] = ["ADMIN", "TRAINER", "EDITOR", "MEMBER"];
