import { Field, Input, Radio, RadioGroup, Select } from '@fluentui/react-components';
import {
  GRANT_KIND_LABELS,
  GRANT_KINDS,
  GUEST_ROLE_LABELS,
  GUEST_ROLES,
  type Grant,
  type GrantKind,
  type GuestRole,
} from '../../../../shared/guests/guests';

export interface GrantChoice {
  readonly role: GuestRole | '';
  readonly kind: GrantKind;
  /** yyyy-mm-dd, as the date field gives it. */
  readonly endDate: string;
}

export function defaultEndDate(days = 30): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The grant the choice stands for: the end of the chosen day, in the analyst's own time zone. */
export function grantOf(choice: GrantChoice): Grant {
  if (choice.kind === 'permanent') return { kind: 'permanent' };
  return { kind: choice.kind, endDateTime: new Date(`${choice.endDate}T23:59:59`).toISOString() };
}

/** Role (optional when `allowNone`), permanent / active until / eligible until, and the end date. */
export function GrantFields({
  choice,
  onChange,
  allowNone,
}: {
  readonly choice: GrantChoice;
  readonly onChange: (next: GrantChoice) => void;
  readonly allowNone: boolean;
}) {
  return (
    <>
      <Field
        label="Directory role"
        hint="Security Copilot needs Security Reader (read) or Security Operator (respond) in the customer's tenant."
      >
        <Select
          value={choice.role}
          onChange={(_, d) => onChange({ ...choice, role: d.value as GuestRole | '' })}
        >
          {allowNone && <option value="">No role yet (invite only)</option>}
          {GUEST_ROLES.map((r) => (
            <option key={r} value={r}>
              {GUEST_ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      {choice.role !== '' && (
        <Field label="For how long">
          <RadioGroup
            value={choice.kind}
            onChange={(_, d) => onChange({ ...choice, kind: d.value as GrantKind })}
          >
            {GRANT_KINDS.map((k) => (
              <Radio key={k} value={k} label={GRANT_KIND_LABELS[k]} />
            ))}
          </RadioGroup>
        </Field>
      )}
      {choice.role !== '' && choice.kind !== 'permanent' && (
        <Field label="Ends on" hint="Privileged Identity Management ends the role at the end of this day.">
          <Input
            type="date"
            value={choice.endDate}
            min={new Date().toISOString().slice(0, 10)}
            onChange={(_, d) => onChange({ ...choice, endDate: d.value })}
          />
        </Field>
      )}
    </>
  );
}
