// Pages are streamed by React 18.3, which writes stray NUL bytes where a
// multi-byte character meets the end of its 2 KB buffer
// (https://github.com/facebook/react/issues/31134). Albanian and Serbian
// pages are full of such characters; entry.server.tsx drops the NULs.
import { PassThrough, type Transform } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { withoutNulBytes } from "~/entry.server";

/** 2,048 words of one "ë" each: one of them is sure to meet the end of React's 2,048-byte buffer. */
const page = (
  <p>
    {Array.from({ length: 2048 }, (_, i) => (
      <b key={i}>ë</b>
    ))}
  </p>
);

function render(through: Transform | PassThrough): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    through.on("end", () => resolve(Buffer.concat(chunks)));
    through.on("error", reject);
    const { pipe } = renderToPipeableStream(page, { onAllReady: () => pipe(through), onShellError: reject });
  });
}

describe("pages streamed in Albanian and Serbian", () => {
  it("carry every ë and no NUL byte, although React writes one", async () => {
    expect((await render(new PassThrough())).includes(0)).toBe(true);
    const html = await render(withoutNulBytes());
    expect(html.includes(0)).toBe(false);
    expect(html.toString("utf8")).toBe(`<p>${"<b>ë</b>".repeat(2048)}</p>`);
  });
});
