import { useEffect, useRef } from "react";
import type { CreatedApiKey } from "../../api/types";
import { Button } from "../../ui/Button";
import { CopyButton } from "../../ui/CopyButton";

/** Shown exactly once, right after creation: the secret is not retrievable afterwards. */
export function NewSecretNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="card card--highlight stack" aria-labelledby="new-key-title">
      <h2 id="new-key-title" ref={heading} tabIndex={-1} className="card__title">
        Your new key “{created.key.name}”
      </h2>
      <p className="notice notice--warning">
        <strong>Copy it now.</strong> This is the only time FitFolio shows this key. If you lose it, delete it and create a new one.
      </p>
      <div className="secret">
        <label htmlFor="new-key-secret">Secret key</label>
        <input id="new-key-secret" className="secret__value" readOnly value={created.secret} onFocus={(event) => event.currentTarget.select()} />
        <CopyButton text={created.secret} label="Copy key" />
      </div>
      <div>
        <Button variant="primary" onClick={onDone}>
          I’ve saved my key
        </Button>
      </div>
    </section>
  );
}
