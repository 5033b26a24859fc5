# expect: TFL106
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
x = np.random.rand(100, 1)
y = 2 + 3 * x + np.random.rand(100, 1)
regression_model = LinearRegression()
regression_model.fit(x, y)
y_predicted = regression_model.predict(x)
rmse = mean_squared_error(y, y_predicted)
print('Root mean squared error: ', rmse)
