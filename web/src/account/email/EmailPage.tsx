import { useUser } from "../../auth/session";
import { PageHeader, Section } from "../../ui/Page";
import { RecoveryCodesSection } from "../recovery/RecoveryCodesSection";
import { ChangeEmailForm } from "./ChangeEmailForm";
import { EmailSignInToggle } from "./EmailSignInToggle";

export function EmailPage() {
  const user = useUser();
  return (
    <div className="stack-lg">
      <PageHeader title="Email" description="Where we send sign-in links and account notices." />
      <Section title="Your address">
        <p className="break">
          <strong>{user.email}</strong>{" "}
          <span className={user.emailVerified ? "badge badge--good" : "badge badge--warn"}>{user.emailVerified ? "Verified" : "Not verified yet"}</span>
        </p>
        <ChangeEmailForm currentEmail={user.email} />
      </Section>
      <Section title="Sign in with email links">
        <EmailSignInToggle />
      </Section>
      {!user.emailSignInEnabled && (
        <Section title="Recovery codes">
          <RecoveryCodesSection />
        </Section>
      )}
    </div>
  );
}
