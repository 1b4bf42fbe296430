import { z } from "~/utils/zod";

/** The after-event questionnaire, checked the same way in the browser and on the server. */
export const FeedbackSchema = z.object({
  satisfaction: z.coerce
    .number({ error: "invitations.feedback.page.chooseScore" })
    .int("invitations.feedback.page.chooseScore")
    .min(1, "invitations.feedback.page.chooseScore")
    .max(5, "invitations.feedback.page.chooseScore"),
  learnt: z.string().trim().max(2000, "validation.tooLong").default(""),
  improve: z.string().trim().max(2000, "validation.tooLong").default(""),
});

export type FeedbackAnswer = z.infer<typeof FeedbackSchema>;

export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
