import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager, pageFromSearch } from "~/components/pager";
import { listUsers, setUserDisabled, setUserRoles } from "~/models/user.server";
import { UserAdminAction } from "~/utils/accounts";
import { readForm } from "~/utils/request.server";
import { ROLES } from "~/utils/roles";
import { translateMessage, messageWith, formFields } from "~/utils/forms";
import { requirePermission } from "~/utils/permissions.server";

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
  const form = await readForm(request);
  const parsed = UserAdminAction.safeParse({ ...formFields(form), roles: form.getAll("roles") });
  if (!parsed.success) return data({ ok: false, message: "errors.badRequestTitle" }, { status: 400 });
  const input = parsed.data;
  const result =
    input.intent === "roles"
      ? await setUserRoles(admin.id, input.userId, input.roles)
      : await setUserDisabled(admin.id, input.userId, input.intent === "disable");
  if (!result.ok) {
    const status = result.error === "notFound" ? 404 : 400;
    const key = result.error === "notFound" ? "errors.notFound" : `admin.users.${result.error}`;
    return data({ ok: false, message: key }, { status });
  }
  const name = String(form.get("name") ?? "");
  const done = { roles: "admin.users.rolesSaved", disable: "admin.users.disabledDone", enable: "admin.users.enabledDone" }[input.intent];
  return { ok: true, message: messageWith(done, { name }) };
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, query, page, pages, total } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {result ? (
        <p className={result.ok ? "notice notice-ok" : "notice notice-error"} role={result.ok ? "status" : "alert"}>
          {translateMessage(t, result.message)}
        </p>
      ) : null}
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
