import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  type AttributeValue,
  type DynamoDBClient,
  type TableDescription,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb'
import type { TableDefinition } from '../compile/collectAppSyncResources'

type Item = Record<string, AttributeValue>

/**
 * Makes the tables follow the compiled API, as `amplify mock` does on every start and recompile with its
 * create-and-update step (amplify-cli, packages/amplify-util-mock/src/utils/dynamo-db/utils.ts:
 * `getUpdateTableInput` compares index names and issues one UpdateTable per index to delete or create):
 * missing tables are created, and a table whose global secondary indexes differ gets them changed, rows kept.
 * Tables of models that left the schema are kept, as the CLI keeps them.
 *
 * dynalite (4.0.0) accepts UpdateTable's GlobalSecondaryIndexUpdates but ignores them: the index is neither
 * created nor deleted. So an index change rebuilds the table instead: its rows are read, kept in a file next
 * to the data (`rebuildDir`) until the new table holds them again, the table is recreated with the new
 * indexes, and the rows are written back, which fills the new indexes as DynamoDB's backfill would. A rebuild
 * that was interrupted is finished on the next start from that file.
 */
export async function syncTables(
  client: DynamoDBClient,
  tables: TableDefinition[],
  options: { rebuildDir?: string; log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? (() => {})
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? [])
  const pending = options.rebuildDir
    ? await readPendingRebuilds(options.rebuildDir)
    : new Map<string, string>()
  for (const table of tables) {
    const interrupted = pending.get(table.TableName)
    if (interrupted) {
      if (existing.has(table.TableName)) await dropTable(client, table.TableName)
      await createTable(client, table)
      const items = JSON.parse(await readFile(interrupted, 'utf8')) as Item[]
      await writeItems(client, table.TableName, items)
      await rm(interrupted, { force: true })
      log(`Finished rebuilding ${table.TableName} (${items.length} rows) after an interrupted index change.`)
      continue
    }
    if (!existing.has(table.TableName)) {
      if (existing.size > 0) log(`Creating table ${table.TableName}.`)
      await createTable(client, table)
      continue
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.TableName }))
    const change = indexChange(table, Table!)
    if (!change) continue
    await rebuildTable(client, table, change, options.rebuildDir, log)
  }
}

function indexChange(wanted: TableDefinition, current: TableDescription): string | undefined {
  if (keyOf(wanted.KeySchema) !== keyOf(current.KeySchema)) {
    throw new Error(
      `Table ${wanted.TableName}'s primary key changed (${keyOf(current.KeySchema)} -> ${keyOf(wanted.KeySchema)}). ` +
        'DynamoDB cannot change a primary key, and neither can amplify push without replacing the table: ' +
        'delete the local data folder (or start with --in-memory) to start over.',
    )
  }
  const describe = (
    indexes: { IndexName?: string; KeySchema?: TableDefinition['KeySchema']; Projection?: unknown }[] = [],
  ) =>
    new Map(
      indexes.map((i) => [
        i.IndexName!,
        `${keyOf(i.KeySchema)} ${JSON.stringify(projectionOf(i.Projection))}`,
      ]),
    )
  const want = describe(wanted.GlobalSecondaryIndexes)
  const have = describe(current.GlobalSecondaryIndexes)
  const added = [...want.keys()].filter((n) => !have.has(n))
  const removed = [...have.keys()].filter((n) => !want.has(n))
  const changed = [...want.keys()].filter((n) => have.has(n) && have.get(n) !== want.get(n))
  if (!added.length && !removed.length && !changed.length) return undefined
  return [
    added.length && `adding index ${added.join(', ')}`,
    removed.length && `removing index ${removed.join(', ')}`,
    changed.length && `changing index ${changed.join(', ')}`,
  ]
    .filter(Boolean)
    .join(', ')
}

const keyOf = (schema: TableDefinition['KeySchema'] = []) =>
  schema.map((k) => `${k.AttributeName}:${k.KeyType}`).join(',')

function projectionOf(projection: unknown) {
  const p = (projection ?? {}) as { ProjectionType?: string; NonKeyAttributes?: string[] }
  return { type: p.ProjectionType ?? 'ALL', attributes: [...(p.NonKeyAttributes ?? [])].sort() }
}

async function rebuildTable(
  client: DynamoDBClient,
  table: TableDefinition,
  change: string,
  rebuildDir: string | undefined,
  log: (line: string) => void,
) {
  const items = await scanAll(client, table.TableName)
  refuseMistypedKeys(table, items)
  log(`Table ${table.TableName}: ${change}; rebuilding it with its ${items.length} rows.`)
  let keptIn: string | undefined
  if (rebuildDir) {
    await mkdir(rebuildDir, { recursive: true })
    keptIn = path.join(rebuildDir, `${table.TableName}.json`)
    const partial = `${keptIn}.tmp`
    await writeFile(partial, JSON.stringify(items))
    await rename(partial, keptIn)
  }
  await dropTable(client, table.TableName)
  await createTable(client, table)
  await writeItems(client, table.TableName, items)
  if (keptIn) await rm(keptIn, { force: true })
}

/**
 * DynamoDB leaves a row whose index key has the wrong type out of the index; dynalite refuses to store it.
 * Refuse the change before anything is deleted, naming the rows, rather than lose them.
 */
function refuseMistypedKeys(table: TableDefinition, items: Item[]) {
  const types = new Map(table.AttributeDefinitions.map((a) => [a.AttributeName!, a.AttributeType!]))
  const indexKeys = new Set(
    (table.GlobalSecondaryIndexes ?? []).flatMap((i) => (i.KeySchema ?? []).map((k) => k.AttributeName!)),
  )
  for (const item of items) {
    for (const name of indexKeys) {
      const value = item[name]
      if (value && !(types.get(name)! in value)) {
        throw new Error(
          `Cannot add the index on ${table.TableName}.${name}: a row holds ${name} as ${Object.keys(value)[0]}, ` +
            `the index needs ${types.get(name)} (row ${JSON.stringify(item.id ?? Object.values(item)[0])}). Fix or delete that row first.`,
        )
      }
    }
  }
}

async function scanAll(client: DynamoDBClient, TableName: string): Promise<Item[]> {
  const items: Item[] = []
  let ExclusiveStartKey: Item | undefined
  do {
    const page = await client.send(new ScanCommand({ TableName, ExclusiveStartKey }))
    items.push(...(page.Items ?? []))
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}

async function writeItems(client: DynamoDBClient, TableName: string, items: Item[]) {
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }))
    while (requests.length) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [TableName]: requests } }),
      )
      requests = (UnprocessedItems?.[TableName] ?? []) as typeof requests
    }
  }
}

async function createTable(client: DynamoDBClient, table: TableDefinition) {
  await client.send(new CreateTableCommand({ ...table, BillingMode: 'PAY_PER_REQUEST' }))
  await waitFor(client, table.TableName, (t) => t?.TableStatus === 'ACTIVE')
}

async function dropTable(client: DynamoDBClient, TableName: string) {
  await client.send(new DeleteTableCommand({ TableName }))
  await waitFor(client, TableName, (t) => t === undefined)
}

// dynalite changes a table's state on its next timer tick; a request before that finds the old state.
async function waitFor(
  client: DynamoDBClient,
  TableName: string,
  done: (table: TableDescription | undefined) => boolean,
) {
  for (let attempt = 0; ; attempt++) {
    const table = await client.send(new DescribeTableCommand({ TableName })).then(
      (r) => r.Table,
      (error: Error) => {
        if (error.name === 'ResourceNotFoundException') return undefined
        throw error
      },
    )
    if (done(table)) return
    if (attempt === 1000) throw new Error(`DynamoDB table ${TableName} did not reach the expected state`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

async function readPendingRebuilds(dir: string): Promise<Map<string, string>> {
  const files = await readdir(dir).catch(() => [] as string[])
  return new Map(
    files.filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -'.json'.length), path.join(dir, f)]),
  )
}
