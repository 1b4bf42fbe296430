import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { Pager, pageFromSearch } from "~/components/pager";
import { ADMIN_REFUSALS, listUsers, setUserDisabled, setUserRoles } from "~/models/user.server";
import { UserAdminAction } from "~/utils/accounts";
import { readForm } from "~/utils/request.server";
import { ROLES } from "~/utils/roles";
import { messageWith, translateMessage } from "~/utils/forms";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users:manage");
  const url = new URL(request.url);
  const query = url.searchParams.get("q") ?? "";
  const page = pageFromSearch(url.searchParams);
  const { users, total, pages } = await listUsers({ query, page });
  return {
    query,
    page,
    pages,
    total,
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      roles: u.roles.map((r) => r.role),
      disabled: !!u.disabledAt,
      verified: !!u.emailVerifiedAt,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "users:manage");
  const submission = parseWithZod(await readForm(request), { schema: UserAdminAction });
  // Every field of these forms is hidden or a checkbox: a bad one is said above the list.
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), done: null }, { status: 400 });
  const input = submission.value;
  const outcome =
    input.intent === "roles"
      ? await setUserRoles(admin.id, input.userId, input.roles)
      : await setUserDisabled(admin.id, input.userId, input.intent === "disable");
  if (!outcome.ok) return refusalReply(submission, refusalOf(ADMIN_REFUSALS, outcome.error), { done: null });
  const name = String(submission.payload.name ?? "");
  const done = { roles: "admin.users.rolesSaved", disable: "admin.users.disabledDone", enable: "admin.users.enabledDone" }[input.intent];
  return data({ result: submission.reply(), done: messageWith(done, { name }) });
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, query, page, pages, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {actionData?.done ? (
        <p className="notice notice-ok" role="status">
          {translateMessage(t, actionData.done)}
        </p>
      ) : null}
      <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
      <Form method="get" className="card roles-form" role="search">
        <label htmlFor="user-search" className="visually-hidden">
          {t("admin.users.search")}
        </label>
        <input id="user-search" type="search" name="q" defaultValue={query} placeholder={t("admin.users.search")} />
        <button type="submit">{t("admin.users.filter")}</button>
      </Form>
      <p className="muted">{t("admin.users.count", { count: total })}</p>
      {users.length === 0 ? <p>{t("admin.users.none")}</p> : null}
      <div className="table-wrap">
        <table className="responsive">
          <thead>
            <tr>
              <th>{t("admin.users.name")}</th>
              <th>{t("admin.users.email")}</th>
              <th>{t("admin.users.status")}</th>
              <th>{t("admin.users.roles")}</th>
              <th>{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-user-email={user.email}>
                <td data-label={t("admin.users.name")}>{user.name}</td>
                <td data-label={t("admin.users.email")}>{user.email}</td>
                <td data-label={t("admin.users.status")}>
                  {user.disabled ? t("admin.users.disabled") : user.verified ? t("admin.users.active") : t("admin.users.unverified")}
                </td>
                <td data-label={t("admin.users.roles")}>
                  <Form method="post" className="roles-form" aria-label={`${t("admin.users.roles")}: ${user.name}`}>
                    <input type="hidden" name="intent" value="roles" />
                    <input type="hidden" name="userId" value={user.id} />
                    <input type="hidden" name="name" value={user.name} />
                    {ROLES.map((role) => (
                      <label key={role}>
                        <input type="checkbox" name="roles" value={role} defaultChecked={user.roles.includes(role)} /> {t(`roles.${role}`)}
                      </label>
                    ))}
                    <button type="submit" className="secondary">
                      {t("admin.users.saveRoles")}
                    </button>
                  </Form>
                </td>
                <td data-label={t("admin.users.actions")}>
                  {user.disabled ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="enable" />
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="name" value={user.name} />
                      <button type="submit" className="secondary">
                        {t("admin.users.enable")}
                      </button>
                    </Form>
                  ) : (
                    <details>
                      <summary>{t("admin.users.disable")}</summary>
                      <Form method="post">
                        <p>{t("admin.users.confirmDisable", { name: user.name })}</p>
                        <input type="hidden" name="intent" value="disable" />
                        <input type="hidden" name="userId" value={user.id} />
                        <input type="hidden" name="name" value={user.name} />
                        <button type="submit" className="danger">
                          {t("admin.users.disable")}
                        </button>
                      </Form>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </>
  );
}
