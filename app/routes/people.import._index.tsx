import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { IMPORT_REFUSALS, startImport } from "~/models/directory-import.server";
import { directoryLinksFor } from "~/models/person.server";
import { IMPORT_MAX_BYTES } from "~/utils/directory";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:import");
  return { links: directoryLinksFor(user) };
}

function refuse(code: keyof typeof IMPORT_REFUSALS) {
  const refusal = refusalOf(IMPORT_REFUSALS, code);
  return data({ error: refusal.message }, { status: refusal.status });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:import");
  // Refuse an announced oversize body before reading it (a slow connection should not upload 50 MB for nothing).
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > IMPORT_MAX_BYTES + 64 * 1024) return refuse("tooLarge");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES, filter: ({ name }) => name === "file" }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse("tooLarge");
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
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <DirectoryNav links={links} />
      <h1>{t("directory.import.title")}</h1>
      <p>{t("directory.import.intro")}</p>
      <div className="card narrow-form">
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className={actionData?.error ? "field field-invalid" : "field"}>
            <label htmlFor="import-file">{t("directory.import.file")}</label>
            <input
              id="import-file"
              type="file"
              name="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={actionData?.error ? "import-file-error" : undefined}
            />
            {actionData?.error ? (
              <p className="field-error" id="import-file-error" role="alert">
                {t(actionData.error)}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("directory.import.upload")}
          </button>
        </Form>
      </div>
    </>
  );
}
