/** Membership panel (placeholder until it is built). */
export function MembershipPanel() {
  return (
    <section className="panel stage-panel" aria-labelledby="membership-title">
      <h2 id="membership-title" className="panel-title">
        Membership
      </h2>
    </section>
  );
}
