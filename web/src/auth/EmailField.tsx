import type { ComponentProps } from "react";
import { TextField } from "../ui/Field";

type EmailFieldProps = Omit<ComponentProps<typeof TextField>, "type" | "value" | "onChange"> & {
  value: string;
  onChange: (value: string) => void;
};

/** An email address input, set up alike on every form that asks for one: the address keyboard, no capitals, no spell-check. */
export function EmailField({ value, onChange, ...field }: EmailFieldProps) {
  return (
    <TextField
      type="email"
      name="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...field}
    />
  );
}
