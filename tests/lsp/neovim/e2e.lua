-- tflint's language server in a real Neovim (0.11, headless), driven through vim.lsp:
-- diagnostics, hover, a config file edited on disk, a code action applied, incremental
-- edits, and run = "onSave". Run by tests/lsp/test_neovim.py:
--   nvim --headless --clean -l e2e.lua WORKSPACE PYTHON RESULTS.json
-- Each step records what it saw; the Python test asserts on the JSON, so a failure says
-- which step and what Neovim held at the time.

local root, python, results_path = arg[1], arg[2], arg[3]
local TIMEOUT = 60000
local results = {}

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, tostring(d.code))
  end
  table.sort(out)
  return table.concat(out, ",")
end

local function find(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if tostring(d.code) == code then
      return d
    end
  end
end

local function snapshot(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, { code = tostring(d.code), lnum = d.lnum, col = d.col, severity = d.severity })
  end
  table.sort(out, function(a, b) return a.code < b.code end)
  return out
end

-- wait until pred() holds; record the step with what the buffer held
local function step(name, buf, pred, extra)
  local ok = vim.wait(TIMEOUT, pred, 20)
  local entry = { name = name, ok = ok, diagnostics = snapshot(buf) }
  for k, v in pairs(extra or {}) do
    entry[k] = v
  end
  table.insert(results, entry)
  return ok
end

local function save_results()
  local f = assert(io.open(results_path, 'w'))
  f:write(vim.json.encode(results))
  f:close()
end

local function write_file(path, text)
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

local function start(file, settings)
  vim.cmd.edit(vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start({
    name = 'tflint',
    cmd = { python, '-m', 'tflint', 'lsp', '--debounce-ms', '20' },
    root_dir = root,
    init_options = { tflint = settings },
  }, { bufnr = buf })
  return buf, id
end

local function line_of(buf, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(pattern, 1, true) then
      return i - 1
    end
  end
end

local ok, err = xpcall(function()
  vim.lsp.set_log_level('warn')

  -- 1. diagnostics on open ---------------------------------------------------------
  local buf, id = start(root .. '/train.py', { run = 'onType' })
  step('diagnostics', buf, function() return codes(buf) == 'TFL201,TFL303' end, { client = id })

  -- 2. hover on the lr= finding ----------------------------------------------------
  local lr = find(buf, 'TFL303')
  local hover_text = ''
  if lr then
    vim.api.nvim_win_set_cursor(0, { lr.lnum + 1, lr.col })
    local client = vim.lsp.get_client_by_id(id)
    local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    local replies = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, TIMEOUT) or {}
    for _, reply in pairs(replies) do
      local contents = reply.result and reply.result.contents
      if type(contents) == 'table' then
        hover_text = hover_text .. (contents.value or vim.inspect(contents))
      elseif type(contents) == 'string' then
        hover_text = hover_text .. contents
      end
    end
  end
  table.insert(results, { name = 'hover', ok = hover_text ~= '', text = hover_text })

  -- 3. a config file edited on disk (Neovim on Linux sends no file-change notification),
  --    seen at the next edit; the edit inserts lines above the findings (incremental sync)
  local fit_line = line_of(buf, 'model.fit(')
  write_file(root .. '/pyproject.toml', '[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nseverity-overrides = { TFL201 = "info" }\n')
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '# edited in Neovim', '# a second line' })
  step('config change', buf, function()
    local fit = find(buf, 'TFL201')
    return fit ~= nil and fit.severity == vim.diagnostic.severity.INFO and fit.lnum == fit_line + 2
  end, { expected_fit_line = fit_line + 2 })

  -- 4. the quick fix for lr= applied through vim.lsp.buf.code_action ---------------
  lr = find(buf, 'TFL303')
  local titles = {}
  if lr then
    vim.api.nvim_win_set_cursor(0, { lr.lnum + 1, lr.col })
    vim.lsp.buf.code_action({
      apply = true,
      filter = function(action)
        table.insert(titles, action.title)
        return action.kind == 'quickfix' and action.title:find('to `learning_rate`', 1, true) ~= nil
      end,
    })
  end
  step('code action', buf, function()
    return line_of(buf, 'learning_rate=') ~= nil and codes(buf) == 'TFL201'
  end, { titles = titles })
  results[#results].text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

  -- 5. incremental edits: change part of a line, then add a line with a new finding ----
  local row = line_of(buf, 'epochs=50')
  local col = row and vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1]:find('epochs=50', 1, true)
  if row and col then
    vim.api.nvim_buf_set_text(buf, row, col - 1, row, col - 1 + #'epochs=50', { 'epochs=5, validation_split=0.1' })
  end
  step('incremental edit fixes TFL201', buf, function() return codes(buf) == '' end)
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { 'slow = Adam(lr=1e-4)' })
  step('incremental edit adds TFL303', buf, function()
    local added = find(buf, 'TFL303')
    return added ~= nil and added.lnum == last and added.col == #'slow = Adam('
  end, { expected_line = last })

  -- 6. run = "onSave": typing does not lint, :write does -------------------------------
  vim.lsp.stop_client(id)
  vim.wait(TIMEOUT, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
  vim.cmd('silent! bwipeout!')
  write_file(root .. '/pyproject.toml', '[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n')
  local saved, sid = start(root .. '/save.py', { run = 'onSave' })
  step('onSave: diagnostics on open', saved, function() return codes(saved) == 'TFL201,TFL303' end, { client = sid })
  -- unsaved lines above the findings: what Neovim shows (extmarks) moves with the text,
  -- and no stale answer from the server puts it back on the old lines
  local before = {}
  for _, d in ipairs(vim.diagnostic.get(saved)) do
    table.insert(before, d.lnum + 2)
  end
  table.sort(before)
  vim.api.nvim_buf_set_lines(saved, 0, 0, false, { '# unsaved', '# lines' })
  vim.wait(1000)
  local function underlined()
    local rows = {}
    for name, ns in pairs(vim.api.nvim_get_namespaces()) do
      if name:find('diagnostic.underline', 1, true) then
        for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(saved, ns, 0, -1, {})) do
          table.insert(rows, mark[2])
        end
      end
    end
    table.sort(rows)
    return rows
  end
  local rows = underlined()
  table.insert(results, {
    name = 'onSave: shown findings follow unsaved edits',
    ok = #rows == 2 and vim.deep_equal(rows, before),
    rows = rows,
    expected = before,
  })
  local srow = line_of(saved, 'epochs=50')
  local scol = vim.api.nvim_buf_get_lines(saved, srow, srow + 1, false)[1]:find('epochs=50', 1, true)
  vim.api.nvim_buf_set_text(saved, srow, scol - 1, srow, scol - 1 + #'epochs=50', { 'epochs=5, validation_split=0.1' })
  vim.wait(1000)
  table.insert(results, { name = 'onSave: typing does not lint', ok = codes(saved) == 'TFL201,TFL303', diagnostics = snapshot(saved) })
  vim.cmd('silent write')
  step('onSave: the save lints', saved, function()
    local lr = find(saved, 'TFL303')
    return codes(saved) == 'TFL303' and lr.lnum == line_of(saved, 'Adam(lr=')
  end)
  vim.lsp.stop_client(sid)
  vim.wait(TIMEOUT, function() return vim.lsp.get_client_by_id(sid) == nil end, 20)
end, debug.traceback)

if not ok then
  table.insert(results, { name = 'lua error', ok = false, error = tostring(err) })
end
table.insert(results, { name = 'log', ok = true, path = vim.lsp.get_log_path() })
save_results()
vim.cmd('qall!')
