import { parseWithZod } from "@conform-to/zod/v4";
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/utils/zod";
import { DirectoryNav } from "~/components/directory-nav";
import { Field } from "~/components/forms";
import { IMPORT_REFUSALS, startImport } from "~/models/directory-import.server";
import { directoryLinksFor } from "~/models/person.server";
import { IMPORT_MAX_BYTES } from "~/utils/directory";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { BodyTooLargeError, withBodyLimit } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:import");
  return { links: directoryLinksFor(user) };
}

/** The upload form's one field, the file; the answer of a refused upload is said beside it. */
const UploadSchema = z.object({});

function refuse(code: keyof typeof IMPORT_REFUSALS) {
  // The file itself is never sent back; the form has no other field.
  return refusalReply(parseWithZod(new FormData(), { schema: UploadSchema }), refusalOf(IMPORT_REFUSALS, code));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:import");
  // Refuse an announced oversize body before reading it (a slow connection should not upload 50 MB for nothing).
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > IMPORT_MAX_BYTES + 64 * 1024) return refuse("tooLarge");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      withBodyLimit(request, IMPORT_MAX_BYTES + 64 * 1024),
      unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES, filter: ({ name }) => name === "file" }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof BodyTooLargeError) return refuse("tooLarge");
    return refuse("unreadable");
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || !file.name) return refuse("missingFile");
  // As for every form (app/utils/request.server.ts): no name holds NUL, and PostgreSQL cannot store it.
  if (file.name.includes("\0")) return refuse("unreadable");
  const outcome = await startImport(user, file.name, new Uint8Array(await file.arrayBuffer()));
  if (!outcome.ok) return refuse(outcome.error);
  return redirect(`/people/import/${outcome.importId}`);
}

export default function ImportUpload() {
  const { t } = useTranslation();
  const { links } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <DirectoryNav links={links} />
      <h1>{t("directory.import.title")}</h1>
      <p>{t("directory.import.intro")}</p>
      <div className="card narrow-form">
        <Form method="post" encType="multipart/form-data" className="stack">
          <Field id="import-file" label={t("directory.import.file")} errors={answer?.result.error?.file ?? undefined}>
            <input id="import-file" type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </Field>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("directory.import.upload")}
          </button>
        </Form>
      </div>
    </>
  );
}
