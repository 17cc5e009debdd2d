/**
 * A workflow with both kinds of queue the charts show: a buffered edge (capacity 3) between CSP
 * processes, and a buffer node (capacity 4) fed by a script and drained by a log node. Used by the
 * queue-depth tests of the run service and the charts e2e test.
 */
export function queuesWorkflow(name: string): string {
  return `version: 1
name: ${name}
declarations: |
  nametype Item = {0..2}
channels:
  - { id: raw, name: raw, type: Item, capacity: 3 }
processes:
  - { id: producer, name: Producer, kind: csp, ports: [ { name: put, dir: out, type: Item } ], behaviour: "put!0 -> put!1 -> put!2 -> Producer" }
  - { id: consumer, name: Consumer, kind: csp, ports: [ { name: get, dir: in, type: Item } ], behaviour: "get?x -> Consumer" }
  - id: src
    name: Src
    kind: script
    ports: [ { name: emit, dir: out, type: json } ]
    script: |
      for (let i = 0; i < 30; i++) await send('emit', { i });
  - { id: queue, name: Queue, kind: buffer, ports: [ { name: in, dir: in, type: json }, { name: out, dir: out, type: json } ], config: { capacity: 4 } }
  - { id: sink, name: Sink, kind: log, ports: [ { name: in, dir: in, type: json } ] }
edges:
  - { id: raw, from: producer.put, to: consumer.get, channel: raw }
  - { id: fed, from: src.emit, to: queue.in }
  - { id: drained, from: queue.out, to: sink.in }
`;
}
