import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { startChildGroup } from '../../testkit/childProcessGroup'
import { call, copyProject, createTodo, docs, listTodos, serve, tempDir, type Served } from './support'

// Schema changes on a copy of projects/todo-default: tables and indexes follow the schema under --watch
// (recompile) and across restarts on a kept data folder, rows kept.

describe('schema changes: tables and indexes follow the schema, rows kept', () => {
  const todoByName = /* GraphQL */ `
    query TodosByName($name: String!) {
      todosByName(name: $name) {
        items {
          id
          name
        }
      }
    }
  `
  const todoByDescription = /* GraphQL */ `
    query TodosByDescription($description: String!) {
      todosByDescription(description: $description) {
        items {
          id
        }
      }
    }
  `
  const createNote = /* GraphQL */ `
    mutation CreateNote($input: CreateNoteInput!) {
      createNote(input: $input) {
        id
        text
      }
    }
  `
  const listNotes = /* GraphQL */ `
    query ListNotes {
      listNotes {
        items {
          text
        }
      }
    }
  `

  it(`a new model and a new @index work after recompile() (--watch) and across a restart on the kept data (mirrors: amplify mock's create-and-update tables step, amplify-util-mock utils/dynamo-db; DynamoDB backfills a new GSI from existing rows: ${docs.gsiBackfill}; ${docs.index})`, async () => {
    const projectDir = await copyProject('todo-default')
    const dataDir = await tempDir('conformance-data-')
    const schemaFile = path.join(projectDir, 'amplify/backend/api/todoapp/schema.graphql')
    const original = await readFile(schemaFile, 'utf8')
    const editSchema = (edit: (schema: string) => string) =>
      readFile(schemaFile, 'utf8').then((schema) => writeFile(schemaFile, edit(schema)))

    let served = await serve(projectDir, { dataDir })
    try {
      expect(
        (await call(served, createTodo, { input: { id: 't1', name: 'before', description: 'old' } })).errors,
      ).toBeUndefined()

      // Under --watch: a new model and an index on a field that already has rows.
      await editSchema((schema) =>
        schema
          .replace('name: String!', 'name: String! @index(name: "byName", queryField: "todosByName")')
          .concat('\ntype Note @model {\n  id: ID!\n  text: String!\n}\n'),
      )
      await served.backend.recompile()
      const note = await call(served, createNote, { input: { text: 'new model' } })
      expect(note.errors).toBeUndefined()
      const byName = await call(served, todoByName, { name: 'before' })
      expect(byName.errors).toBeUndefined()
      // The row written before the index existed is in it: the index was backfilled.
      expect((byName.data!.todosByName as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['t1'])
    } finally {
      await served.backend.stop()
    }

    // Across a restart on the same data folder: another index added, the first one removed.
    await editSchema((schema) =>
      schema
        .replace(' @index(name: "byName", queryField: "todosByName")', '')
        .replace(
          'description: String',
          'description: String @index(name: "byDescription", queryField: "todosByDescription")',
        ),
    )
    served = await serve(projectDir, { dataDir })
    try {
      const byDescription = await call(served, todoByDescription, { description: 'old' })
      expect(byDescription.errors).toBeUndefined()
      expect((byDescription.data!.todosByDescription as { items: { id: string }[] }).items).toEqual([
        { id: 't1' },
      ])
      const notes = await call(served, listNotes)
      expect((notes.data!.listNotes as { items: { text: string }[] }).items).toEqual([{ text: 'new model' }])
      expect(served.logs.join('\n')).toMatch(/TodoTable: adding index byDescription, removing index byName/)
    } finally {
      await served.backend.stop()
    }

    // Back to the original schema: the Note table is kept (as amplify mock keeps it), Todo rows too.
    await writeFile(schemaFile, original)
    served = await serve(projectDir, { dataDir })
    try {
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['t1'])
    } finally {
      await served.backend.stop()
    }
  })

  it(`an index on a field whose stored rows have another type is refused before anything is deleted, and --watch keeps serving the previous API (mirrors: DynamoDB leaves such rows out of the index, never drops them: ${docs.gsiBackfill})`, async () => {
    const projectDir = await copyProject('todo-default')
    const schemaFile = path.join(projectDir, 'amplify/backend/api/todoapp/schema.graphql')
    await writeFile(
      schemaFile,
      (await readFile(schemaFile, 'utf8')).replace('description: String', 'priority: Int'),
    )
    const served = await serve(projectDir)
    try {
      const created = await call(
        served,
        /* GraphQL */ `
          mutation CreateTodo($input: CreateTodoInput!) {
            createTodo(input: $input) {
              id
            }
          }
        `,
        { input: { id: 't1', name: 'typed', priority: 1 } },
      )
      expect(created.errors).toBeUndefined()
      await writeFile(
        schemaFile,
        (await readFile(schemaFile, 'utf8')).replace(
          'priority: Int',
          'priority: String @index(name: "byPriority", queryField: "todosByPriority")',
        ),
      )
      await expect(served.backend.recompile()).rejects.toThrow(
        /TodoTable\.priority: a row holds priority as N/,
      )
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['t1'])
    } finally {
      await served.backend.stop()
    }
  })

  it('a rebuild interrupted after its table was dropped is finished from the kept rows on the next start (mirrors: no data loss across an index change, as DynamoDB keeps rows while it backfills)', async () => {
    const projectDir = await copyProject('todo-default')
    const dataDir = await tempDir('conformance-data-')
    // What an interrupted rebuild leaves: the rows in dynamodb-rebuild/, the table gone or empty.
    await mkdir(path.join(dataDir, 'dynamodb-rebuild'), { recursive: true })
    await writeFile(
      path.join(dataDir, 'dynamodb-rebuild', 'TodoTable.json'),
      JSON.stringify([
        {
          id: { S: 'kept' },
          name: { S: 'survivor' },
          __typename: { S: 'Todo' },
          createdAt: { S: '2026-01-01T00:00:00.000Z' },
          updatedAt: { S: '2026-01-01T00:00:00.000Z' },
        },
      ]),
    )
    const served = await serve(projectDir, { dataDir })
    try {
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['kept'])
      expect(served.logs.join('\n')).toMatch(/Finished rebuilding TodoTable \(1 rows\)/)
      expect(await readdir(path.join(dataDir, 'dynamodb-rebuild'))).toEqual([])
    } finally {
      await served.backend.stop()
    }
  })

  it(`npm run backend -- --watch: saving a schema with a new model and an index serves them, and saving it without the index removes its query, rows kept (mirrors: amplify mock's watcher recompiles and updates tables on a schema save; ${docs.index}; ${docs.gsiBackfill})`, async () => {
    const projectDir = await copyProject('todo-default')
    const schemaFile = path.join(projectDir, 'amplify/backend/api/todoapp/schema.graphql')
    const original = await readFile(schemaFile, 'utf8')
    const child = startChildGroup(
      process.execPath,
      [
        '--import',
        'tsx',
        'local-backend/src/main.ts',
        '--project-dir',
        projectDir,
        '--in-memory',
        '--port',
        '0',
        '--cognito-port',
        '0',
        '--watch',
      ],
      { cwd: path.resolve(import.meta.dirname, '../..') },
    )
    const recompiled = (times: number) =>
      child.until(
        () => {
          if (/did not compile/.test(child.output())) throw new Error(child.output())
          return (child.output().match(/Recompiled the API/g)?.length ?? 0) >= times ? true : undefined
        },
        120_000,
        `recompile number ${times}`,
      )
    try {
      await child.waitFor(/Watching the schema/, { timeoutMs: 120_000 })
      // The app's view: the configuration the backend wrote into the project, read as an app reads it.
      const config = JSON.parse(
        await readFile(path.join(projectDir, 'src/amplifyconfiguration.json'), 'utf8'),
      )
      const served = { amplify: configureAmplify(config) } as Served
      expect(
        (await call(served, createTodo, { input: { id: 't1', name: 'kept', description: 'd' } })).errors,
      ).toBeUndefined()

      await writeFile(
        schemaFile,
        original
          .replace('name: String!', 'name: String! @index(name: "byName", queryField: "todosByName")')
          .concat('\ntype Note @model {\n  id: ID!\n  text: String!\n}\n'),
      )
      await recompiled(1)
      expect((await call(served, createNote, { input: { text: 'after save' } })).errors).toBeUndefined()
      const byName = await call(served, todoByName, { name: 'kept' })
      expect((byName.data!.todosByName as { items: { id: string }[] }).items).toEqual([
        { id: 't1', name: 'kept' },
      ])

      // Saved again without the index: its query is gone, the table and the new model's rows stay.
      await writeFile(schemaFile, original.concat('\ntype Note @model {\n  id: ID!\n  text: String!\n}\n'))
      await recompiled(2)
      const gone = await call(served, todoByName, { name: 'kept' })
      expect(gone.errors?.[0].message).toMatch(/todosByName/)
      expect((await call(served, listTodos)).data!.listTodos).toEqual({ items: [{ id: 't1', name: 'kept' }] })
      expect((await call(served, listNotes)).data!.listNotes).toEqual({ items: [{ text: 'after save' }] })
      expect(child.output()).toMatch(/TodoTable: .*removing index byName/)
    } finally {
      await child.stop('SIGTERM', { graceMs: 10_000 })
    }
  })

  it(`an index with a sort key added across a restart is backfilled in sort order, leaving out rows without the sort key (mirrors: a sparse global secondary index holds only items that have its key attributes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html; ${docs.gsiBackfill})`, async () => {
    const projectDir = await copyProject('todo-default')
    const dataDir = await tempDir('conformance-data-')
    const schemaFile = path.join(projectDir, 'amplify/backend/api/todoapp/schema.graphql')
    let served = await serve(projectDir, { dataDir })
    try {
      for (const input of [
        { id: 't1', name: 'same', description: 'b' },
        { id: 't2', name: 'same' },
        { id: 't3', name: 'same', description: 'a' },
        { id: 't4', name: 'other', description: 'c' },
      ])
        expect((await call(served, createTodo, { input })).errors).toBeUndefined()
    } finally {
      await served.backend.stop()
    }
    await writeFile(
      schemaFile,
      (await readFile(schemaFile, 'utf8')).replace(
        'name: String!',
        'name: String! @index(name: "byNameDescription", sortKeyFields: ["description"], queryField: "todosByNameDescription")',
      ),
    )
    served = await serve(projectDir, { dataDir })
    try {
      const result = await call(
        served,
        `query Q($name: String!) { todosByNameDescription(name: $name) { items { id } } }`,
        { name: 'same' },
      )
      expect(result.errors).toBeUndefined()
      expect((result.data!.todosByNameDescription as { items: { id: string }[] }).items).toEqual([
        { id: 't3' },
        { id: 't1' },
      ])
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: unknown[] }).items).toHaveLength(4)
    } finally {
      await served.backend.stop()
    }
  })
})
