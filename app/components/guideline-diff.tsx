import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DiffBlock, DiffRun, DiffStretch } from "~/models/guideline-diff.server";

/** A run with its emphasis, inside <ins> or <del> when it was added or removed. */
function Run({ run }: { run: DiffRun }) {
  let content: ReactNode = run.text;
  if (run.code) content = <code>{content}</code>;
  if (run.italic) content = <em>{content}</em>;
  if (run.bold) content = <strong>{content}</strong>;
  if (run.change === "added") return <ins>{content}</ins>;
  if (run.change === "removed") return <del>{content}</del>;
  return content;
}

/** A block as it is read (a heading, a paragraph, a list item, a quote), marked by what happened to it. */
function Block({ block }: { block: DiffBlock }) {
  const runs = block.runs.map((run, i) => <Run key={i} run={run} />);
  const props = { lang: block.lang, className: `diff-block diff-block-${block.change}`, "data-change": block.change };
  switch (block.kind) {
    case "heading": {
      const Heading = `h${Math.min(6, Math.max(3, block.level ?? 3))}` as "h3";
      return <Heading {...props}>{runs}</Heading>;
    }
    case "item":
      return (
        <p {...props} className={`${props.className} diff-item diff-depth-${Math.min(4, block.depth ?? 1)}`}>
          <span className="diff-marker">{block.marker}</span> {runs}
        </p>
      );
    case "quote":
      return (
        <blockquote {...props}>
          <p>{runs}</p>
        </blockquote>
      );
    case "code":
      return <pre {...props}>{runs}</pre>;
    default:
      return <p {...props}>{runs}</p>;
  }
}

/** A section's body: changed blocks shown, each stretch of unchanged ones folded (open it without JavaScript: it is a <details>). */
export function DiffStretches({ stretches, folded }: { stretches: DiffStretch[]; folded?: string }) {
  const { t } = useTranslation();
  return (
    <div className="diff-text">
      {stretches.map((stretch, i) =>
        stretch.folded ? (
          <details key={i} className="diff-folded" data-testid="diff-folded">
            <summary>{folded ?? t("guidelines.diff.folded", { count: stretch.blocks.length })}</summary>
            {stretch.blocks.map((block, j) => (
              <Block key={j} block={block} />
            ))}
          </details>
        ) : (
          <Fragment key={i}>
            <Block block={stretch.block} />
          </Fragment>
        ),
      )}
    </div>
  );
}
