import { useEffect, useRef } from "react";
import { Button } from "../../ui/Button";
import { CopyButton } from "../../ui/CopyButton";
import { saveFile } from "../../ui/saveFile";

/** Shown exactly once, right after the codes are issued: FitFolio keeps only their hashes. */
export function RecoveryCodesNotice({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = codes.join("\n");

  const download = () =>
    saveFile(new Blob([`FitFolio recovery codes (each signs in once)\n\n${text}\n`], { type: "text/plain" }), "fitfolio-recovery-codes.txt");

  return (
    <section className="card card--highlight stack" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" ref={heading} tabIndex={-1} className="card__title">
        Your recovery codes
      </h2>
      <p className="notice notice--warning">
        <strong>Save these now.</strong> This is the only time FitFolio shows them. If you lose every passkey, one code signs you in once so you can add a new
        passkey.
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <CopyButton text={text} label="Copy codes" />
        <Button onClick={download}>Download codes</Button>
      </div>
      <div>
        <Button variant="primary" onClick={onDone}>
          I’ve saved my codes
        </Button>
      </div>
    </section>
  );
}
