import type { ReactNode } from "react";
import { ConfirmDialog } from "./ConfirmDialog";

interface ConfirmDeleteDialogProps {
  open: boolean;
  /** What is deleted, by the name its owner gave it. */
  name: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before deleting something named: every delete in the app asks the same question, in red. */
export function ConfirmDeleteDialog({ name, ...dialog }: ConfirmDeleteDialogProps) {
  return <ConfirmDialog title={`Delete “${name}”?`} busyLabel="Deleting…" danger {...dialog} />;
}
