-- nvim-dap: debug the Dockerfile in the current buffer with `stagesh dap` (stagesh on PATH).
-- Put this in your config (e.g. ~/.config/nvim/after/plugin/stagesh-dap.lua).
local dap = require('dap')

dap.adapters.stagesh = { type = 'executable', command = 'stagesh', args = { 'dap' } }

dap.configurations.dockerfile = {
  {
    type = 'stagesh',
    request = 'launch',
    name = 'stagesh: debug this Dockerfile',
    dockerfile = '${file}',
    contextPath = '${fileDirname}',
    stopOnEntry = true,
    -- buildArgs = { VERSION = '1.4.2' }, target = 'build', noCache = true,
  },
}
