import { PageHeader } from "../../ui/Page";
import { DeleteAccountForm } from "./DeleteAccountForm";
import { ExportData } from "./ExportData";

export function DataPage() {
  return (
    <div className="stack-lg">
      <PageHeader title="Your data" description="It’s yours: take a copy whenever you like, or delete it for good." />
      <ExportData />
      <DeleteAccountForm />
    </div>
  );
}
