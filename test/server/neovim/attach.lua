-- Headless Neovim (0.7+): start coinstaller-lint's server with vim.lsp.start_client, attach it to
-- one file, and write every publishDiagnostics it receives to a JSON file, then quit.
-- Environment: CIL_SERVER_CMD (JSON array), CIL_FILE, CIL_ROOT, CIL_OUT.
local cmd = vim.fn.json_decode(os.getenv('CIL_SERVER_CMD'))
local file = os.getenv('CIL_FILE')
local root = os.getenv('CIL_ROOT')
local out = os.getenv('CIL_OUT')

local received = {}
local function finish(status)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode({ status = status, publishes = received }))
  f:close()
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'coinstaller-lint',
  cmd = cmd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      table.insert(received, result)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not client_id then
  finish('start_client failed')
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(40000, function()
  for _, p in ipairs(received) do
    if #p.diagnostics > 0 then return true end
  end
  return false
end, 50)
local client = vim.lsp.get_client_by_id(client_id)
if client then client.stop() end
vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
finish(ok and 'ok' or 'timeout')
