/** Space-time diagram panel (placeholder until it is built). */
export function SpaceTimePanel() {
  return (
    <section className="panel stage-panel" aria-labelledby="spacetime-title">
      <h2 id="spacetime-title" className="panel-title">
        Space-time diagram
      </h2>
    </section>
  );
}
