/** Merkle trees panel (placeholder until it is built). */
export function MerklePanel() {
  return (
    <section className="panel stage-panel" aria-labelledby="merkle-title">
      <h2 id="merkle-title" className="panel-title">
        Merkle trees
      </h2>
    </section>
  );
}
