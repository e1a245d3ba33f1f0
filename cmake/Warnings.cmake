# Project code builds clean with -Wall -Wextra; third-party headers come in as SYSTEM includes.
function(inrgan_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(INRGAN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
