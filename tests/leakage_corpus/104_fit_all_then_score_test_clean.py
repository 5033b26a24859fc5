# expect: clean
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

ads = pd.read_csv("advertising.csv")
X = ads[["TV", "radio", "newspaper"]]
y = ads["sales"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=1)
lr = LinearRegression()
lr.fit(X_train, y_train)
print(mean_squared_error(y_test, lr.predict(X_test)))
lr_final = LinearRegression().fit(X, y)
