-- Drives `upfront lsp` from Neovim's built-in LSP client, headless (Neovim 0.7+).
-- Env: UPFRONT_BIN, UPFRONT_SITE, UPFRONT_OUT (a file this script writes its results to).
-- Each check appends "ok <name>" or "FAIL <name>: <why>"; the Rust test reads the file.

local bin, site, out = os.getenv("UPFRONT_BIN"), os.getenv("UPFRONT_SITE"), os.getenv("UPFRONT_OUT")
local results = {}
local function report(ok, name, why)
  table.insert(results, (ok and "ok " or "FAIL ") .. name .. (ok and "" or (": " .. tostring(why))))
end
local function finish()
  local f = assert(io.open(out, "w"))
  f:write(table.concat(results, "\n") .. "\n")
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    cmd = { bin, "--root", site, "lsp", "--today", "2026-11-23" },
    root_dir = site,
    name = "upfront",
  })
  report(client_id ~= nil, "start", "start_client returned nil")
  vim.cmd("edit " .. site .. "/content/emergency/visit.md")
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. Findings of the file as it is (the fixture has jargon: "Triage" unexplained).
  local function diags() return vim.diagnostic.get(buf) end
  local function has(rule, text_pred)
    for _, d in ipairs(diags()) do
      if d.code == rule and (text_pred == nil or text_pred(d)) then return d end
    end
  end
  local got = vim.wait(20000, function() return has("jargon") ~= nil end, 50)
  report(got, "diagnostics on open", vim.inspect(diags()))

  -- 2. An unsaved edit: a hand-written wait that equals a fact, on a new last line.
  local n = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, n, n, false, { "", "Triage takes 10 to 30 minutes." })
  local hw
  got = vim.wait(20000, function()
    hw = has("hardcoded-wait", function(d) return d.lnum == n + 1 end)
    return hw ~= nil
  end, 50)
  report(got, "diagnostics after an edit", vim.inspect(diags()))
  if hw then
    report(hw.col == 13 and hw.end_col == 29, "edit position", vim.inspect(hw))
    report(hw.message:find("er.triage", 1, true) ~= nil, "hint in message", hw.message)
  end

  -- 3. Hover on `{{ er.triage }}` in the body.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local row, col
  for i, l in ipairs(lines) do
    local c = l:find("{{ er.triage }}", 1, true)
    if c and not l:find("^%s") then row, col = i - 1, c + 3 break end
  end
  local pos = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = col } }
  local hover = client.request_sync("textDocument/hover", pos, 10000, buf)
  local value = hover and hover.result and hover.result.contents and hover.result.contents.value or ""
  report(value:find("10–30 minutes", 1, true) and value:find("10–30 分钟", 1, true) and value:find("10–30 perc", 1, true),
    "hover shows every locale", value)

  -- 4. Completion after `{{ er.tr`.
  n = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, n, n, false, { "Wait {{ er.tr" })
  local cpos = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = n, character = 13 } }
  local comp = client.request_sync("textDocument/completion", cpos, 10000, buf)
  local items = comp and comp.result or {}
  if items.items then items = items.items end
  local labels = {}
  for _, it in ipairs(items) do labels[it.label] = it end
  local triage = labels["er.triage"]
  report(triage ~= nil and triage.detail == "10–30 minutes" and triage.textEdit.newText == "er.triage }}",
    "completion of fact names", vim.inspect(triage))

  -- 5. Definition of the fact: facts.yaml, on its key.
  local def = client.request_sync("textDocument/definition", pos, 10000, buf)
  local loc = def and def.result
  report(loc and loc.uri and loc.uri:find("facts.yaml$") and loc.range.start.line == 3, "definition in facts.yaml", vim.inspect(loc))

  -- 6. The quick fix the hint names, for the hand-written wait of step 2.
  if hw then
    local ctx = { diagnostics = {} }
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = hw.lnum, character = hw.col }, ["end"] = { line = hw.lnum, character = hw.end_col } },
      context = ctx,
    }
    local actions = client.request_sync("textDocument/codeAction", params, 10000, buf)
    local action = actions and actions.result and actions.result[1]
    local edit = action and action.edit and action.edit.changes and action.edit.changes[vim.uri_from_bufnr(buf)]
    report(edit and edit[1].newText == "{{ er.triage }}", "code action replaces the wait with its fact", vim.inspect(actions))
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then report(false, "script", err) end
finish()
