-- Headless Neovim (0.7+): start coinstaller-lint's server on a file, wait for its diagnostics, ask
-- for the code actions at one position, apply the one whose title starts with a given text (a
-- WorkspaceEdit that may edit several files), write every changed buffer, and record what it saw
-- in a JSON file, then quit.
-- Environment: CIL_SERVER_CMD (JSON array), CIL_FILE, CIL_ROOT, CIL_OUT, CIL_LINE and CIL_COLUMN
-- (0-based, UTF-16), CIL_TITLE (the start of the action's title).
local cmd = vim.fn.json_decode(os.getenv('CIL_SERVER_CMD'))
local file = os.getenv('CIL_FILE')
local root = os.getenv('CIL_ROOT')
local out = os.getenv('CIL_OUT')
local line = tonumber(os.getenv('CIL_LINE'))
local column = tonumber(os.getenv('CIL_COLUMN'))
local wanted = os.getenv('CIL_TITLE')

local state = { status = 'started', titles = {}, applied = nil }
local function finish(status)
  state.status = status
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(state))
  f:close()
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
local diagnostics = nil

local client_id = vim.lsp.start_client({
  name = 'coinstaller-lint',
  cmd = cmd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result.uri == uri and #result.diagnostics > 0 then diagnostics = result.diagnostics end
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not client_id then
  finish('start_client failed')
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(40000, function() return diagnostics ~= nil end, 50) then
  finish('no diagnostics')
  return
end

local at = {}
for _, d in ipairs(diagnostics) do
  local s, e = d.range.start, d.range['end']
  if (s.line < line or (s.line == line and s.character <= column)) and (e.line > line or (e.line == line and e.character >= column)) then
    table.insert(at, d)
  end
end
local params = {
  textDocument = { uri = uri },
  range = { start = { line = line, character = column }, ['end'] = { line = line, character = column } },
  context = { diagnostics = at },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000)
local chosen = nil
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    table.insert(state.titles, action.title)
    if chosen == nil and action.edit and action.title:sub(1, #wanted) == wanted then chosen = action end
  end
end
if chosen == nil then
  finish('no such action')
  return
end
vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
state.applied = chosen.title
vim.cmd('silent! wall')

local client = vim.lsp.get_client_by_id(client_id)
if client then client.stop() end
vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
finish('ok')
