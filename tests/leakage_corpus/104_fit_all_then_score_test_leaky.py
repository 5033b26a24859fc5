# expect: TFL104
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

ads = pd.read_csv("advertising.csv")
X = ads[["TV", "radio", "newspaper"]]
y = ads["sales"]
lr = LinearRegression()
lr.fit(X, y)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=1)
print(mean_squared_error(y_test, lr.predict(X_test)))
