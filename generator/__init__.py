"""Static-site generator for the "Đoàn kết sáng tạo" catalogue of initiatives."""
