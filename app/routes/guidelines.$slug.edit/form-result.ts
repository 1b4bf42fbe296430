import { useActionData } from "@remix-run/react";
import type { action } from "./route";

/** The last answer of the editor's action when it belongs to this form (a section's forms repeat once per section). */
export function useFormResult(intent: string, sectionId = "") {
  const answer = useActionData<typeof action>();
  return answer && answer.intent === intent && answer.sectionId === sectionId ? answer.result : undefined;
}
