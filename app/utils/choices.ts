/** One option of a select, already in the reader's language (see app/models/places.server.ts). */
export type Choice = { id: string; name: string };

/** A cluster with its municipalities, as the municipality select groups them. */
export type ClusterChoice = Choice & { municipalities: Choice[] };
