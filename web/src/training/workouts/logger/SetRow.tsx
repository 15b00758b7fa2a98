import type { ExerciseKind, SetInput, SetView } from "../../../api/trainingTypes";
import { Button } from "../../../ui/Button";
import { setTypeMarker, label } from "../../shared/labels";
import { recordName } from "../../shared/records";
import { formatWeight, type WeightUnit } from "../../shared/units";
import { draftFromSet, type EffortScale } from "./setDraft";
import { SetForm } from "./SetForm";
import { describeSet } from "./setText";

interface SetRowProps {
  set: SetView;
  kind: ExerciseKind;
  unit: WeightUnit;
  scale: EffortScale;
  pending: boolean;
  editing: boolean;
  readOnly?: boolean;
  onEdit?: () => void;
  onCancelEdit?: () => void;
  onSave?: (input: SetInput) => void;
  onDelete?: () => void;
}

/** One logged set: what was done, the records it set, whether it has reached the server yet. */
export function SetRow({ set, kind, unit, scale, pending, editing, readOnly, onEdit, onCancelEdit, onSave, onDelete }: SetRowProps) {
  if (editing && onSave) {
    return (
      <li className="set-row set-row--editing">
        <SetForm
          kind={kind}
          unit={unit}
          scale={scale}
          initial={draftFromSet(set, unit, scale)}
          submitLabel={`Save set ${set.position}`}
          onSubmit={onSave}
          onCancel={onCancelEdit}
          setId={() => set.id}
        />
      </li>
    );
  }
  const marker = setTypeMarker(set.type);
  return (
    <li className="set-row">
      <span className="set-row__number" aria-label={`Set ${set.position}${set.type === "working" ? "" : `, ${label(set.type)}`}`}>
        {marker || set.position}
      </span>
      <span className="set-row__main">
        <span>{describeSet(set, kind, unit)}</span>
        {set.e1rmKg !== null && <span className="muted small"> · e1RM {formatWeight(set.e1rmKg, unit)}</span>}
        {set.notes && <span className="set-row__note muted small">{set.notes}</span>}
      </span>
      <span className="set-row__badges">
        {set.records.length > 0 && (
          <span className="badge badge--record" title={`Records: ${set.records.map(recordName).join(", ")}`}>
            PR<span className="visually-hidden">: {set.records.map(recordName).join(", ")}</span>
          </span>
        )}
        {pending && (
          <span className="badge badge--warn" title="Waiting to be saved">
            Saving…
          </span>
        )}
      </span>
      {!readOnly && (
        <span className="set-row__actions">
          <Button variant="quiet" onClick={onEdit} aria-label={`Edit set ${set.position}`}>
            Edit
          </Button>
          <Button variant="quiet" className="danger-text" onClick={onDelete} aria-label={`Delete set ${set.position}`}>
            Delete
          </Button>
        </span>
      )}
    </li>
  );
}
