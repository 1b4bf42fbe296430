import { useActionData } from "@remix-run/react";
import type { action } from "./route";

/** The last answer of the page's action when it belongs to this form. */
export function useFormResult(intent: string) {
  const answer = useActionData<typeof action>();
  return answer?.intent === intent ? answer.result : undefined;
}
