-- Neovim's own LSP client (0.7+) attached to the ECS Lens server for JSON buffers; nothing else configured.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'json',
  callback = function(args)
    local id = vim.lsp.start_client({
      name = 'ecs-lens',
      cmd = { os.getenv('ECS_LENS_NODE'), os.getenv('ECS_LENS_SERVER'), '--stdio' },
      root_dir = os.getenv('ECS_LENS_ROOT'),
    })
    vim.lsp.buf_attach_client(args.buf, id)
    vim.bo[args.buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end,
})
-- The code-action menu picks the first action whose title contains ECS_LENS_ACTION.
vim.ui.select = function(items, opts, on_choice)
  for i, item in ipairs(items) do
    local action = item[2] or item.action or item
    if action.title and action.title:find(vim.g.ecs_lens_action or '', 1, true) then return on_choice(item, i) end
  end
  on_choice(nil, nil)
end
