/** Hinted handoff panel (placeholder until it is built). */
export function HintsPanel() {
  return (
    <section className="panel stage-panel" aria-labelledby="hints-title">
      <h2 id="hints-title" className="panel-title">
        Hinted handoff
      </h2>
    </section>
  );
}
