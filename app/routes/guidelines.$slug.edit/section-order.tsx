import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Moves a section up or down, or removes it (asking first). */
export function SectionOrder({ section, first, last }: { section: { id: string; title: string }; first: boolean; last: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <Form method="post">
        <input type="hidden" name="sectionId" value={section.id} />
        <button type="submit" name="intent" value="move-up" className="secondary" disabled={first}>
          {t("guidelines.editor.up")}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="sectionId" value={section.id} />
        <button type="submit" name="intent" value="move-down" className="secondary" disabled={last}>
          {t("guidelines.editor.down")}
        </button>
      </Form>
      <details>
        <summary>{t("guidelines.editor.remove")}</summary>
        <Form method="post">
          <p>{t("guidelines.editor.confirmRemove", { title: section.title })}</p>
          <input type="hidden" name="intent" value="remove-section" />
          <input type="hidden" name="sectionId" value={section.id} />
          <button type="submit" className="danger">
            {t("guidelines.editor.remove")}
          </button>
        </Form>
      </details>
    </div>
  );
}
